package org.sockets.protocol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The certificates the dovecot fixture serves and accepts: a CA, a server certificate for
 * {@code localhost} / 127.0.0.1 / ::1 signed by it, and client certificates (CN = user name) for
 * SASL EXTERNAL. Made with the JDK's keytool (2 days' validity) once a day and kept in
 * {@code java.io.tmpdir} ({@code sockets-dovecot-certs-v1-<date>}), shared by every test JVM of
 * that day; client certificates for {@link Dovecot#DEFAULT_USERS} are made with the set, others
 * on demand in a folder of this JVM's own.
 *
 * <p>sockets-testkit's {@code TestCertificates} has one client certificate with a fixed CN; the
 * EXTERNAL tests need one per dovecot user, hence this set of its own.
 */
final class DovecotCertificates {

    static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private static DovecotCertificates shared;

    private final Path dir;
    private final X509Certificate ca;
    private final PrivateKey serverKey;
    private final X509Certificate server;
    private final java.util.Map<String, KeyStore> clients = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path extra;

    private DovecotCertificates(Path dir) throws IOException {
        this.dir = dir;
        this.ca = readCertificate(dir.resolve("ca.pem"));
        this.server = readCertificate(dir.resolve("server.pem"));
        this.serverKey = privateKey(dir.resolve("server.p12"), "server");
        this.extra = Files.createTempDirectory("dovecot-certs");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Daemons.deleteTree(extra)));
    }

    /** Makes a whole set into an empty folder. */
    private static void make(Path dir) throws IOException {
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=sockets dovecot test CA", "-ext", "bc:c", "-validity", "2",
                "-keystore", dir.resolve("ca.p12").toString());
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(),
                "-file", dir.resolve("ca.pem").toString());
        signed(dir, dir, "server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1,ip:::1");
        PrivateKey key = privateKey(dir.resolve("server.p12"), "server");
        Files.writeString(dir.resolve("server-chain.pem"),
                Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("ca.pem")));
        Files.writeString(dir.resolve("server-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        for (String user : Dovecot.DEFAULT_USERS.keySet()) {
            signed(dir, dir, "client-" + user, "CN=" + user, null);
        }
        Files.writeString(dir.resolve("complete"), "");
    }

    /** The set of the day: the cached one, or a new one made and published atomically. */
    static synchronized DovecotCertificates shared() throws IOException {
        if (shared == null) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path cached = tmp.resolve("sockets-dovecot-certs-v1-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            if (!Files.exists(cached.resolve("complete"))) {
                Path fresh = Files.createTempDirectory(tmp, "sockets-dovecot-certs-new");
                make(fresh);
                try {
                    Files.move(fresh, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // Another JVM published its set first: use that one.
                    Daemons.deleteTree(fresh);
                }
            }
            shared = new DovecotCertificates(cached);
        }
        return shared;
    }

    X509Certificate ca() {
        return ca;
    }

    X509Certificate server() {
        return server;
    }

    Path caPem() {
        return dir.resolve("ca.pem");
    }

    Path serverChainPem() {
        return dir.resolve("server-chain.pem");
    }

    Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    /** A PKCS12 key store holding a client certificate (CN = user) and its chain, under alias "client". */
    KeyStore client(String user) throws IOException {
        if (!user.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("user name unfit for a certificate CN: " + user);
        }
        KeyStore ks = clients.get(user);
        if (ks != null) {
            return ks;
        }
        synchronized (this) {
            ks = clients.get(user);
            if (ks == null) {
                String name = "client-" + user;
                Path where = Files.exists(dir.resolve(name + ".pem")) ? dir : extra;
                if (where == extra && !Files.exists(extra.resolve(name + ".pem"))) {
                    signed(dir, extra, name, "CN=" + user, null);
                }
                try {
                    ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    ks.setKeyEntry("client", privateKey(where.resolve(name + ".p12"), name), STORE_PASSWORD,
                            new Certificate[] {readCertificate(where.resolve(name + ".pem")), ca});
                } catch (GeneralSecurityException e) {
                    throw new IOException("cannot build the client key store for " + user, e);
                }
                clients.put(user, ks);
            }
            return ks;
        }
    }

    /** A key pair in {@code out}, its certificate signed by the CA in {@code caDir}. */
    private static void signed(Path caDir, Path out, String name, String dname, String san) throws IOException {
        String store = out.resolve(name + ".p12").toString();
        keytool(out, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store);
        keytool(out, "-certreq", "-alias", name, "-keystore", store, "-file", out.resolve(name + ".csr").toString());
        List<String> gen = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-validity", "2",
                "-keystore", caDir.resolve("ca.p12").toString(),
                "-infile", out.resolve(name + ".csr").toString(), "-outfile", out.resolve(name + ".pem").toString()));
        if (san != null) {
            gen.add("-ext");
            gen.add(san);
        }
        keytool(out, gen.toArray(String[]::new));
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD), "-noprompt"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool hung: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool failed (" + p.exitValue() + "): " + cmd + ": " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running keytool", e);
        } finally {
            p.getOutputStream().close();
        }
    }

    private static X509Certificate readCertificate(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read certificate " + pem, e);
        }
    }

    private static PrivateKey privateKey(Path p12, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASSWORD);
            return (PrivateKey) ks.getKey(alias, STORE_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key " + alias + " from " + p12, e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
