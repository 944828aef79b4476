package org.sockets.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test certificates made with the JDK's own {@code keytool} (run as a process from
 * {@code java.home}, so no internal JDK class is touched): a certificate authority and leaf
 * certificates for every verification case, EC P-256 keys, each exported as PEM (certificate
 * chain, PKCS#8 key) for C and Python servers and as a PKCS#12 store for JDK ones.
 *
 * {@snippet :
 * TestCertificates certs = TestCertificates.get();
 * // Python: ctx.load_cert_chain(certs.good().chainPem(), certs.good().keyPem())
 * // openssl s_server -cert certs.good().chainPem() -key certs.good().keyPem()
 * // client side: trust certs.caPem()
 * }
 *
 * <p>Making them takes a couple of dozen {@code keytool} runs, so they are made once and kept in
 * {@code java.io.tmpdir} for a day (under a name that changes with this class's layout), shared by
 * every test JVM; {@link #get()} returns that set.
 */
public final class TestCertificates {

    /** Bumped when the set or its layout changes, so an older cache is not reused. */
    private static final String LAYOUT = "v1";
    private static final String PASSWORD = "changeit";
    private static final Duration KEEP = Duration.ofHours(20);

    /**
     * One certificate and its key.
     *
     * @param name     the leaf's name in this set, e.g. {@code "good"}
     * @param chainPem the leaf certificate then its CA's, PEM
     * @param certPem  the leaf certificate alone, PEM
     * @param keyPem   the leaf's private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
     * @param pkcs12   a PKCS#12 store with the key and chain under alias {@code "leaf"}
     */
    public record Identity(String name, Path chainPem, Path certPem, Path keyPem, Path pkcs12) {
        /**
         * The PKCS#12 store's password (also the key's).
         *
         * @return {@code "changeit"}
         */
        public char[] password() {
            return PASSWORD.toCharArray();
        }
    }

    /** Leaf name, its SAN extension (null for none), its keytool -startdate (null for now), validity days, issuer. */
    private record Leaf(String name, String cn, String san, String startDate, int days, String issuer) {
    }

    private static final List<Leaf> LEAVES = List.of(
            new Leaf("good", "localhost", "dns:localhost,ip:127.0.0.1,ip:::1", null, 30, "ca"),
            new Leaf("wrong-host", "wrong.example", "dns:wrong.example", null, 30, "ca"),
            new Leaf("expired", "localhost", "dns:localhost,ip:127.0.0.1,ip:::1", "-30d", 10, "ca"),
            new Leaf("not-yet-valid", "localhost", "dns:localhost,ip:127.0.0.1,ip:::1", "+30d", 10, "ca"),
            new Leaf("ip-only", "127.0.0.1", "ip:127.0.0.1,ip:::1", null, 30, "ca"),
            new Leaf("untrusted", "localhost", "dns:localhost,ip:127.0.0.1,ip:::1", null, 30, "other-ca"),
            new Leaf("client", "sockets test client", null, null, 30, "ca"));

    private static TestCertificates instance;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * The shared set, made on first use (in this JVM or any other in the last day). Call it in a
     * {@code @BeforeAll}: it also seeds the JDK's {@link java.security.SecureRandom}, which keeps
     * {@code /dev/random} and {@code /dev/urandom} open for the rest of the process, so that
     * {@link NoDescriptorLeaks} counts taken after it do not see them as leaks.
     *
     * @return the certificates
     * @throws UncheckedIOException if keytool fails
     */
    public static synchronized TestCertificates get() {
        if (instance == null) {
            new java.security.SecureRandom().nextBytes(new byte[16]);
            try {
                instance = new TestCertificates(makeOrReuse());
            } catch (IOException e) {
                throw new UncheckedIOException("could not make the test certificates", e);
            }
        }
        return instance;
    }

    /**
     * The directory holding every file of the set.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * The certificate authority that issued every leaf but {@link #untrusted()}: trust it.
     *
     * @return its certificate, PEM
     */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /**
     * A PKCS#12 trust store holding {@link #caPem()} (password {@code changeit}), for JDK peers.
     *
     * @return the store
     */
    public Path caPkcs12() {
        return dir.resolve("ca-trust.p12");
    }

    /**
     * A second authority nobody trusts, issuer of {@link #untrusted()}.
     *
     * @return its certificate, PEM
     */
    public Path otherCaPem() {
        return dir.resolve("other-ca.pem");
    }

    /**
     * Valid for {@code localhost}, {@code 127.0.0.1} and {@code ::1}.
     *
     * @return the identity
     */
    public Identity good() {
        return identity("good");
    }

    /**
     * Valid, but for {@code wrong.example} only.
     *
     * @return the identity
     */
    public Identity wrongHost() {
        return identity("wrong-host");
    }

    /**
     * For {@code localhost} and the loopback addresses, expired 20 days ago.
     *
     * @return the identity
     */
    public Identity expired() {
        return identity("expired");
    }

    /**
     * For {@code localhost} and the loopback addresses, valid from 30 days on.
     *
     * @return the identity
     */
    public Identity notYetValid() {
        return identity("not-yet-valid");
    }

    /**
     * For the IP addresses {@code 127.0.0.1} and {@code ::1} only (IP SANs), no DNS name.
     *
     * @return the identity
     */
    public Identity ipOnly() {
        return identity("ip-only");
    }

    /**
     * Like {@link #good()} but issued by {@link #otherCaPem()}, which is not trusted.
     *
     * @return the identity
     */
    public Identity untrusted() {
        return identity("untrusted");
    }

    /**
     * A client certificate ({@code CN=sockets test client}) for client authentication.
     *
     * @return the identity
     */
    public Identity client() {
        return identity("client");
    }

    private Identity identity(String name) {
        return new Identity(name, dir.resolve(name + "-chain.pem"), dir.resolve(name + ".pem"),
                dir.resolve(name + "-key.pem"), dir.resolve(name + ".p12"));
    }

    private static Path makeOrReuse() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        Path done = root.resolve("sockets-test-certificates-" + LAYOUT);
        if (Files.isRegularFile(done.resolve("complete"))
                && Files.getLastModifiedTime(done.resolve("complete")).toInstant().isAfter(Instant.now().minus(KEEP))) {
            return done;
        }
        Path work = Files.createTempDirectory(root, "sockets-test-certificates-");
        make(work);
        Files.writeString(work.resolve("complete"), Instant.now() + "\n");
        // Another JVM may finish first: move ours into place, or replace a stale one.
        if (Files.exists(done)) {
            Path stale = Files.createTempDirectory(root, "sockets-test-certificates-stale-");
            try {
                Files.move(done, stale.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // someone else is replacing it: use ours from its own directory
                deleteTree(stale);
                return work;
            }
            deleteTree(stale);
        }
        try {
            Files.move(work, done, StandardCopyOption.ATOMIC_MOVE);
            return done;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
            return work;
        }
    }

    private static void make(Path d) throws IOException {
        ca(d, "ca", "CN=sockets test CA");
        ca(d, "other-ca", "CN=sockets untrusted test CA");
        keytool(d, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem",
                "-keystore", "ca-trust.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        // Leaves in parallel: each is three keytool runs of ~0.5 s, mostly JVM start-up.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Void>> jobs = new ArrayList<>();
            for (Leaf leaf : LEAVES) {
                jobs.add(pool.submit(() -> {
                    leaf(d, leaf);
                    return null;
                }));
            }
            for (Future<Void> f : jobs) {
                try {
                    f.get(120, TimeUnit.SECONDS);
                } catch (Exception e) {
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    throw c instanceof IOException io ? io : new IOException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void ca(Path d, String name, String dn) throws IOException {
        keytool(d, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", dn, "-startdate", "-60d", "-validity", "400",
                "-ext", "bc:c=ca:true", "-ext", "ku:c=keyCertSign,cRLSign",
                "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool(d, "-exportcert", "-rfc", "-alias", name, "-file", name + ".pem",
                "-keystore", name + ".p12", "-storepass", PASSWORD);
    }

    private static void leaf(Path d, Leaf leaf) throws IOException {
        String n = leaf.name();
        keytool(d, "-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + leaf.cn(), "-keystore", n + ".p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool(d, "-certreq", "-alias", "leaf", "-file", n + ".csr", "-keystore", n + ".p12", "-storepass", PASSWORD);
        List<String> gen = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", leaf.issuer(),
                "-keystore", leaf.issuer() + ".p12", "-storepass", PASSWORD, "-sigalg", "SHA256withECDSA",
                "-infile", n + ".csr", "-outfile", n + ".pem", "-validity", Integer.toString(leaf.days()),
                "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth,clientAuth"));
        if (leaf.san() != null) {
            gen.addAll(List.of("-ext", "san=" + leaf.san()));
        }
        if (leaf.startDate() != null) {
            gen.addAll(List.of("-startdate", leaf.startDate()));
        }
        keytool(d, gen.toArray(String[]::new));
        String leafPem = Files.readString(d.resolve(n + ".pem"), StandardCharsets.US_ASCII);
        String caPem = Files.readString(d.resolve(leaf.issuer() + ".pem"), StandardCharsets.US_ASCII);
        Files.writeString(d.resolve(n + "-chain.pem"), leafPem.strip() + "\n" + caPem.strip() + "\n");
        // Put the signed chain into the store so JDK servers present it, and export the key as PKCS#8.
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(d.resolve(n + ".p12"))) {
                ks.load(in, PASSWORD.toCharArray());
            }
            Key key = ks.getKey("leaf", PASSWORD.toCharArray());
            var cf = java.security.cert.CertificateFactory.getInstance("X.509");
            java.security.cert.Certificate[] chain;
            try (InputStream in = Files.newInputStream(d.resolve(n + "-chain.pem"))) {
                chain = cf.generateCertificates(in).toArray(java.security.cert.Certificate[]::new);
            }
            ks.setKeyEntry("leaf", key, PASSWORD.toCharArray(), chain);
            try (var out = Files.newOutputStream(d.resolve(n + ".p12"))) {
                ks.store(out, PASSWORD.toCharArray());
            }
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
            Files.writeString(d.resolve(n + "-key.pem"), "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("could not export the key of " + n + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(Path d, String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>();
        cmd.add(keytool.toString());
        // Start-up dominates a keytool run: skip the optimising compiler.
        cmd.add("-J-XX:TieredStopAtLevel=1");
        cmd.add("-J-Xshare:auto");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish in 60 s: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + out);
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
