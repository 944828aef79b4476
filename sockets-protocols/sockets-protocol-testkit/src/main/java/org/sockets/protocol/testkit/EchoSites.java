package org.sockets.protocol.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;
import org.sockets.testkit.TestCertificates;

/**
 * One nginx serving several origins for the proxy, redirect, compression and authentication tests
 * of the HTTP client: origin A (plain, {@link #a(String)}), origin B (plain, a second port,
 * {@link #b(String)}), A over TLS ({@link #tls(String)}, the {@code good} certificate for
 * localhost and 127.0.0.1) and a TLS origin with the {@code wrongHost} certificate
 * ({@link #wrongHostTls(String)}). Every answer echoes what arrived: {@code X-Request-Uri}
 * ({@code $request_uri}, so the form of the target is visible), {@code X-Method},
 * {@code X-Authorization}, {@code X-Proxy-Authorization}, {@code X-Cookie} (nginx leaves a field
 * out when its value is empty, so absence means nothing arrived).
 *
 * <p>Locations on every origin: {@code /echo} (200 "echo"), {@code /loop} (302 to itself),
 * {@code /same} (302 to {@code /echo}); on A and TLS: {@code /to-b} (302 to B's {@code /echo}),
 * {@code /to-b-303}, {@code /to-b-307}, {@code /to-b-308}; on TLS: {@code /to-http} (302 to A's
 * {@code /echo}); {@code /auth/secret.txt} behind {@code auth_basic} with the htpasswd file
 * {@link #start(String, String)} wrote ({@code openssl passwd -apr1}); {@code /gzip/} with
 * {@code gzip on} for every type (files put with {@link #put(String, byte[])}).
 */
public final class EchoSites implements AutoCloseable {

    /** The content of {@code /auth/secret.txt}. */
    public static final String SECRET = "behind basic auth\n";

    private final Path dir;
    private final int a;
    private final int b;
    private final int tls;
    private final int wrongTls;
    private final PeerProcess process;
    private boolean closed;

    private EchoSites(Path dir, int a, int b, int tls, int wrongTls, PeerProcess process) {
        this.dir = dir;
        this.a = a;
        this.b = b;
        this.tls = tls;
        this.wrongTls = wrongTls;
        this.process = process;
    }

    /**
     * Starts nginx with {@code user}:{@code password} in the htpasswd file of {@code /auth/}.
     *
     * @param user     the user allowed into {@code /auth/}
     * @param password its password (hashed with {@code openssl passwd -apr1})
     * @return the running server
     * @throws IOException if it cannot be configured or does not come up within 20 s
     */
    public static EchoSites start(String user, String password) throws IOException {
        Path binary = Daemons.program("nginx", "/usr/sbin/nginx", "nginx (apt-get install nginx)");
        Path dir = Daemons.folder("echosites");
        for (String sub : List.of("tmp", "logs", "www/auth", "www/gzip")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("www/auth/secret.txt"), SECRET);
        Files.writeString(dir.resolve("htpasswd"), user + ":" + apr1(password) + "\n");
        int a = Daemons.freePort();
        int b = Daemons.freePort();
        int tls = Daemons.freePort();
        int wrong = Daemons.freePort();
        TestCertificates.Identity good = TestCertificates.get().good();
        TestCertificates.Identity bad = TestCertificates.get().wrongHost();
        String echo = """
                root %1$s/www;
                add_header X-Request-Uri $request_uri always;
                add_header X-Method $request_method always;
                add_header X-Authorization $http_authorization always;
                add_header X-Proxy-Authorization $http_proxy_authorization always;
                add_header X-Cookie $http_cookie always;
                location = /echo { return 200 "echo\\n"; }
                location = /loop { return 302 /loop; }
                location = /same { return 302 /echo; }
                location = /to-b { return 302 http://127.0.0.1:%2$d/echo; }
                location = /to-b-303 { return 303 http://127.0.0.1:%2$d/echo; }
                location = /to-b-307 { return 307 http://127.0.0.1:%2$d/echo; }
                location = /to-b-308 { return 308 http://127.0.0.1:%2$d/echo; }
                location = /to-http { return 302 http://127.0.0.1:%3$d/echo; }
                location /auth/ { auth_basic "sockets"; auth_basic_user_file %1$s/htpasswd; }
                location /gzip/ { gzip on; gzip_min_length 0; gzip_types *; }
                """.formatted(dir, b, a);
        String conf = """
                daemon off;
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 256; }
                http {
                    client_body_temp_path %1$s/tmp/body; proxy_temp_path %1$s/tmp/proxy; fastcgi_temp_path %1$s/tmp/fcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi; scgi_temp_path %1$s/tmp/scgi;
                    access_log %1$s/logs/access.log;
                    default_type application/octet-stream;
                    types { text/plain txt; }
                    server { listen 127.0.0.1:%2$d; %6$s }
                    server { listen 127.0.0.1:%3$d; %6$s }
                    server { listen 127.0.0.1:%4$d ssl; ssl_certificate %7$s; ssl_certificate_key %8$s; %6$s }
                    server { listen 127.0.0.1:%5$d ssl; ssl_certificate %9$s; ssl_certificate_key %10$s; %6$s }
                }
                """.formatted(dir, a, b, tls, wrong, echo, good.chainPem(), good.keyPem(), bad.chainPem(), bad.keyPem());
        Files.writeString(dir.resolve("nginx.conf"), conf);
        PeerProcess p = PeerProcess.start(binary.toString(), "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString(),
                "-e", dir.resolve("logs/error.log").toString());
        EchoSites s = new EchoSites(dir, a, b, tls, wrong, p);
        try {
            s.awaitListening();
            return s;
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** The Apache MD5 hash nginx's auth_basic reads, from {@code openssl passwd -apr1}. */
    private static String apr1(String password) throws IOException {
        Path openssl = Peers.program("openssl");
        Process p = new ProcessBuilder(openssl.toString(), "passwd", "-apr1", "-stdin").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out;
        try (var stdout = p.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("$apr1$")) {
                throw new IOException("openssl passwd -apr1 failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
            p.getErrorStream().close();
        }
        return out;
    }

    private void awaitListening() throws IOException {
        Daemons.awaitReady("nginx", process, () -> Daemons.accepts(a) && Daemons.accepts(b) && Daemons.accepts(tls)
                && Daemons.accepts(wrongTls), this::log);
    }

    /**
     * A URL on origin A.
     *
     * @param path starting with {@code /}
     * @return {@code http://127.0.0.1:A/path}
     */
    public URI a(String path) {
        return URI.create("http://127.0.0.1:" + a + path);
    }

    /**
     * A URL on origin B.
     *
     * @param path starting with {@code /}
     * @return {@code http://127.0.0.1:B/path}
     */
    public URI b(String path) {
        return URI.create("http://127.0.0.1:" + b + path);
    }

    /**
     * A URL on the TLS origin, naming {@code localhost} (the certificate's name).
     *
     * @param path starting with {@code /}
     * @return {@code https://localhost:TLS/path}
     */
    public URI tls(String path) {
        return URI.create("https://localhost:" + tls + path);
    }

    /**
     * A URL on the TLS origin whose certificate names another host.
     *
     * @param path starting with {@code /}
     * @return {@code https://localhost:WRONG/path}
     */
    public URI wrongHostTls(String path) {
        return URI.create("https://localhost:" + wrongTls + path);
    }

    /** {@return the CA that signed both certificates, PEM} */
    public Path caPem() {
        return TestCertificates.get().caPem();
    }

    /**
     * Writes a file under the document root (e.g. {@code gzip/big.txt}).
     *
     * @param name  relative path
     * @param bytes the content
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path put(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve("www").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /**
     * nginx's error log, for messages.
     *
     * @return the lines
     */
    public List<String> log() {
        try {
            Path log = dir.resolve("logs/error.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    /** Stops nginx and removes its folder; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Daemons.stop(process, dir);
    }

    @Override
    public String toString() {
        return "EchoSites[a " + a + ", b " + b + ", tls " + tls + ", wrong-host tls " + wrongTls + ", dir " + dir + "]";
    }
}
