package org.sockets.protocol.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;
import org.sockets.testkit.TestCertificates;

/**
 * A real HTTP server run by a test on loopback: nginx ({@link #nginx()}), lighttpd
 * ({@link #lighttpd()}) or Python's {@code http.server} ({@link #python()}), each from a private
 * folder with its own config, on free ports, stopped by {@link #close()}. The document root holds
 * the files {@link #FILES} names; tests may add more with {@link #put(String, byte[])}.
 *
 * <p>nginx serves plain HTTP, HTTPS (sockets-testkit's {@code good} certificate, CA
 * {@link #caPem()}) and a Unix socket ({@link #unixSocket()}), and echoes {@code $connection} and
 * {@code $connection_requests} in {@code X-Connection} / {@code X-Connection-Requests} on every
 * answer. Its locations: {@code /gzip/} (gzip on: chunked, with an {@code X-Trailer-Check}
 * trailer), {@code /close/} (gzip with {@code chunked_transfer_encoding off}: close-delimited),
 * {@code /short/} ({@code keepalive_timeout 1s}), {@code = /empty} (204), {@code = /upload}
 * ({@code client_max_body_size 1k}, answers 200 "accepted").
 */
public final class WebServer implements AutoCloseable {

    /** The files every server's document root starts with, relative to it. */
    public static final List<String> FILES = List.of("hello.txt", "b128.txt", "gzip/text.txt", "close/text.txt",
            "short/hello.txt");

    /** The content of {@code hello.txt} (and {@code short/hello.txt}). */
    public static final String HELLO = "hello, world\n";

    private final String kind;
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final Path unixSocket;
    private final PeerProcess process;
    private boolean closed;

    private WebServer(String kind, Path dir, int port, int tlsPort, Path unixSocket, PeerProcess process) {
        this.kind = kind;
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.unixSocket = unixSocket;
        this.process = process;
    }

    /** The text under {@code /gzip/} and {@code /close/}: long enough for gzip, with a known end. */
    public static String longText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            b.append("line ").append(i).append(" of a text that compresses well\n");
        }
        return b.append("the end\n").toString();
    }

    /**
     * Starts nginx (plain, TLS, Unix socket), as the class comment describes.
     *
     * @return the running server
     * @throws IOException if it cannot be configured or does not come up within 20 s
     */
    public static WebServer nginx() throws IOException {
        return nginx(false);
    }

    /**
     * Starts nginx for a benchmark: one worker, {@code access_log off}, plain HTTP only.
     *
     * @return the running server
     * @throws IOException if it does not come up
     */
    public static WebServer nginxForBenchmark() throws IOException {
        return nginx(true);
    }

    private static WebServer nginx(boolean bench) throws IOException {
        Path binary = Daemons.program("nginx", "/usr/sbin/nginx", "nginx (apt-get install nginx)");
        Path dir = folder("nginx");
        int port = Daemons.freePort();
        int tls = Daemons.freePort();
        Path sock = dir.resolve("nginx.sock");
        TestCertificates.Identity id = TestCertificates.get().good();
        for (String sub : List.of("tmp", "logs")) {
            Files.createDirectories(dir.resolve(sub));
        }
        String temp = "client_body_temp_path %1$s/tmp/body; proxy_temp_path %1$s/tmp/proxy; fastcgi_temp_path %1$s/tmp/fcgi;"
                + " uwsgi_temp_path %1$s/tmp/uwsgi; scgi_temp_path %1$s/tmp/scgi;";
        String conf = """
                daemon off;
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 1024; }
                http {
                    %2$s
                    %3$s
                    default_type application/octet-stream;
                    types { text/plain txt; text/html html; }
                    keepalive_timeout 60s;
                    keepalive_requests 10000;
                    server {
                        listen 127.0.0.1:%4$d;
                        %5$s
                        root %1$s/www;
                        add_header X-Connection $connection always;
                        add_header X-Connection-Requests $connection_requests always;
                        location / { }
                        location = /empty { return 204; }
                        location /gzip/ {
                            gzip on; gzip_min_length 0; gzip_types text/plain;
                            add_trailer X-Trailer-Check "all-sent" always;
                        }
                        location /close/ {
                            gzip on; gzip_min_length 0; gzip_types text/plain;
                            chunked_transfer_encoding off;
                        }
                        location /short/ { keepalive_timeout 1s; }
                        location = /upload { client_max_body_size 1k; return 200 "accepted\\n"; }
                    }
                }
                """.formatted(dir, temp.formatted(dir), bench ? "access_log off;" : "access_log " + dir + "/logs/access.log;",
                port, bench ? "" : "listen 127.0.0.1:%d ssl; listen unix:%s; ssl_certificate %s; ssl_certificate_key %s;"
                        .formatted(tls, sock, id.chainPem(), id.keyPem()));
        Files.writeString(dir.resolve("nginx.conf"), conf);
        PeerProcess p = PeerProcess.start(binary.toString(), "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString(),
                "-e", dir.resolve("logs/error.log").toString());
        return started("nginx", dir, port, bench ? -1 : tls, bench ? null : sock, p);
    }

    /**
     * Starts lighttpd on a plain and a TLS port ({@code mod_openssl}).
     *
     * @return the running server
     * @throws IOException if it cannot be configured or does not come up within 20 s
     */
    public static WebServer lighttpd() throws IOException {
        Path binary = Daemons.program("lighttpd", "/usr/sbin/lighttpd", "lighttpd (apt-get install lighttpd lighttpd-mod-openssl)");
        Peers.require(Files.exists(Path.of("/usr/lib/lighttpd/mod_openssl.so")), "lighttpd-mod-openssl (TLS for lighttpd)");
        Path dir = folder("lighttpd");
        int port = Daemons.freePort();
        int tls = Daemons.freePort();
        TestCertificates.Identity id = TestCertificates.get().good();
        String conf = """
                server.document-root = "%1$s/www"
                server.bind = "127.0.0.1"
                server.port = %2$d
                server.errorlog = "%1$s/error.log"
                server.pid-file = "%1$s/lighttpd.pid"
                server.modules += ("mod_openssl")
                mimetype.assign = (".txt" => "text/plain", ".html" => "text/html")
                $SERVER["socket"] == "127.0.0.1:%3$d" {
                    ssl.engine = "enable"
                    ssl.pemfile = "%4$s"
                    ssl.privkey = "%5$s"
                }
                """.formatted(dir, port, tls, id.chainPem(), id.keyPem());
        Files.writeString(dir.resolve("lighttpd.conf"), conf);
        PeerProcess p = PeerProcess.start(binary.toString(), "-D", "-f", dir.resolve("lighttpd.conf").toString());
        return started("lighttpd", dir, port, tls, null, p);
    }

    /**
     * Starts Python's {@code http.server} ({@code SimpleHTTPRequestHandler}, HTTP/1.0 answers),
     * with one extra path, {@code /nolength}: an HTTP/1.0 body without {@code Content-Length},
     * ended by closing the connection.
     *
     * @return the running server
     * @throws IOException if it does not come up within 20 s
     */
    public static WebServer python() throws IOException {
        Path python = Peers.program("python3");
        Path dir = folder("pyhttp");
        int port = Daemons.freePort();
        Files.writeString(dir.resolve("server.py"), """
                import functools, http.server, sys
                class Handler(http.server.SimpleHTTPRequestHandler):
                    def do_GET(self):
                        if self.path == '/nolength':
                            self.send_response(200)
                            self.send_header('Content-Type', 'text/plain')
                            self.end_headers()
                            for i in range(1000):
                                self.wfile.write(b'close-delimited line %%d\\n' %% i)
                            return
                        super().do_GET()
                    def log_message(self, *args):
                        pass
                handler = functools.partial(Handler, directory=sys.argv[2])
                server = http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), handler)
                print('READY', flush=True)
                server.serve_forever()
                """.replace("%%", "%"));
        PeerProcess p = PeerProcess.start(python.toString(), dir.resolve("server.py").toString(), Integer.toString(port),
                dir.resolve("www").toString());
        return started("python", dir, port, -1, null, p);
    }

    private static Path folder(String kind) throws IOException {
        Path dir = Daemons.folder(kind);
        Path www = dir.resolve("www");
        Files.createDirectories(www.resolve("gzip"));
        Files.createDirectories(www.resolve("close"));
        Files.createDirectories(www.resolve("short"));
        Files.writeString(www.resolve("hello.txt"), HELLO);
        Files.writeString(www.resolve("short/hello.txt"), HELLO);
        Files.writeString(www.resolve("b128.txt"), "x".repeat(127) + "\n");
        Files.writeString(www.resolve("gzip/text.txt"), longText());
        Files.writeString(www.resolve("close/text.txt"), longText());
        return dir;
    }

    private static WebServer started(String kind, Path dir, int port, int tls, Path sock, PeerProcess p) throws IOException {
        WebServer w = new WebServer(kind, dir, port, tls, sock, p);
        try {
            w.awaitListening();
            return w;
        } catch (IOException | RuntimeException | Error e) {
            w.close();
            throw e;
        }
    }

    private void awaitListening() throws IOException {
        Daemons.awaitReady(kind, process, () -> Daemons.accepts(port) && (tlsPort < 0 || Daemons.accepts(tlsPort))
                && (unixSocket == null || Files.exists(unixSocket)), this::log);
    }

    /** {@return the server: nginx, lighttpd or python} */
    public String kind() {
        return kind;
    }

    /** {@return the plain HTTP port on 127.0.0.1} */
    public int port() {
        return port;
    }

    /**
     * The HTTPS port on 127.0.0.1.
     *
     * @return the port
     * @throws IllegalStateException if this server has no TLS listener
     */
    public int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException(kind + " was started without TLS");
        }
        return tlsPort;
    }

    /**
     * nginx's {@code listen unix:} socket.
     *
     * @return the socket file
     * @throws IllegalStateException if this server has none
     */
    public Path unixSocket() {
        if (unixSocket == null) {
            throw new IllegalStateException(kind + " was started without a Unix socket");
        }
        return unixSocket;
    }

    /**
     * A URL on the plain port.
     *
     * @param path starting with {@code /}
     * @return {@code http://127.0.0.1:PORT/path}
     */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * A URL on the TLS port, naming {@code localhost} (the certificate's name).
     *
     * @param path starting with {@code /}
     * @return {@code https://localhost:PORT/path}
     */
    public URI tlsUrl(String path) {
        return URI.create("https://localhost:" + tlsPort() + path);
    }

    /** {@return the CA that signed the server certificate, PEM} */
    public Path caPem() {
        return TestCertificates.get().caPem();
    }

    /** {@return the document root} */
    public Path docroot() {
        return dir.resolve("www");
    }

    /**
     * Writes a file under the document root.
     *
     * @param name  relative path
     * @param bytes the content
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path put(String name, byte[] bytes) throws IOException {
        Path p = docroot().resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /**
     * What the server printed and logged (its output; nginx's error log).
     *
     * @return the lines
     */
    public List<String> log() {
        return Daemons.output(process, dir.resolve("logs/error.log"), dir.resolve("error.log"));
    }

    /** Stops the server (SIGTERM, SIGKILL after 10 s) and removes its folder; idempotent. */
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
        return "WebServer[" + kind + ", port " + port + (tlsPort < 0 ? "" : ", tls " + tlsPort) + ", dir " + dir + "]";
    }
}
