package org.sockets.protocol.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * A private dovecot (POP3 and IMAP) for tests, run as root from a temp folder with its own
 * {@code base_dir}, {@code state_dir} and {@code instance_name}, on free loopback ports, and
 * stopped by PID on {@link #close()}.
 *
 * <p>What it serves:
 * <ul>
 *   <li>POP3 on {@link #pop3Port()} (STLS offered, APOP with a greeting timestamp, PIPELINING,
 *       {@code pop3_lock_session = yes} so a second session gets {@code [IN-USE]}, after dovecot
 *       has waited about 10 s for the lock), implicit-TLS
 *       POP3 on {@link #pop3sPort()}, and POP3 on the Unix socket {@link #pop3Socket()};
 *       the same three for IMAP;</li>
 *   <li>users from a passwd-file with plain-text passwords (so APOP, CRAM-MD5, DIGEST-MD5 and SCRAM
 *       work), mailboxes (maildir) owned by the non-root user {@code mail};</li>
 *   <li>{@code auth_mechanisms = plain login cram-md5 digest-md5 scram-sha-1 scram-sha-256 xoauth2
 *       oauthbearer apop external}: XOAUTH2 / OAUTHBEARER through an {@code oauth2} passdb whose
 *       token-info URL is a loopback HTTP endpoint this fixture runs ({@link #bearerToken(String)});
 *       EXTERNAL from a client certificate (CN = user name, {@link #clientTls(String)});</li>
 *   <li>TLS with a server certificate for {@code localhost}, 127.0.0.1 and ::1 signed by a test CA
 *       ({@link #clientTls()} trusts it).</li>
 * </ul>
 * Failed logins are not delayed ({@code auth_failure_delay = 0}, and the auth penalty that grows
 * with failures from one IP is off). Without dovecot or root the calling test is skipped, or failed when
 * {@code SOCKETS_REQUIRE_PEERS=1} ({@link Peers}).
 *
 * {@snippet :
 * try (Dovecot dovecot = Dovecot.start()) {
 *     dovecot.deliver("alice", "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
 *     // connect to 127.0.0.1:dovecot.pop3Port() as alice / dovecot.password("alice")
 * }
 * }
 */
public final class Dovecot implements AutoCloseable {

    /** The users {@link #start()} creates, with their passwords. */
    public static final Map<String, String> DEFAULT_USERS = Map.of("alice", "alice-Secret-1", "bob", "bob-Secret-2");

    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong DELIVERIES = new AtomicLong();

    private final Path dir;
    private final Map<String, String> users;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final int mailUid;
    private final int mailGid;
    private final DovecotCertificates certificates;
    private final HttpServer tokenInfo;
    private final Map<String, Integer> ports;
    private final PeerProcess process;
    private volatile boolean closed;

    private Dovecot(Path dir, Map<String, String> users, int uid, int gid, DovecotCertificates certificates,
            HttpServer tokenInfo, Map<String, Integer> ports, PeerProcess process) {
        this.dir = dir;
        this.users = users;
        this.mailUid = uid;
        this.mailGid = gid;
        this.certificates = certificates;
        this.tokenInfo = tokenInfo;
        this.ports = ports;
        this.process = process;
    }

    /**
     * Starts a dovecot with the {@link #DEFAULT_USERS}.
     *
     * @return the running server
     * @throws IOException if it cannot be configured or does not come up within 20 s
     */
    public static Dovecot start() throws IOException {
        return start(DEFAULT_USERS);
    }

    /**
     * Starts a dovecot with the given users.
     *
     * @param users user name to plain-text password (names of letters, digits, {@code ._-})
     * @return the running server
     * @throws IOException if it cannot be configured or does not come up within 20 s
     */
    public static Dovecot start(Map<String, String> users) throws IOException {
        for (var e : users.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9._-]{1,64}") || e.getValue().isEmpty()
                    || e.getValue().chars().anyMatch(c -> c == ':' || c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("user unfit for a passwd-file: " + e.getKey());
            }
        }
        Optional<Path> binary = Peers.which("dovecot").or(() -> Optional.of(Path.of("/usr/sbin/dovecot")).filter(Files::isExecutable));
        Peers.require(binary.isPresent() && Files.isDirectory(Path.of("/usr/lib/dovecot/modules")),
                "dovecot (apt-get install dovecot-pop3d dovecot-imapd)");
        Peers.require(Peers.root(), "root, to run dovecot with a mailbox owner other than itself");
        int[] mail = mailUser();
        DovecotCertificates certs = DovecotCertificates.shared();
        IOException last = null;
        // The free ports are found by binding and releasing them; another process may take one in
        // between, so a start that fails to bind is tried again, a bounded number of times.
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("dovecot");
            try {
                return launch(binary.orElseThrow(), dir, new LinkedHashMap<>(users), mail, certs);
            } catch (IOException e) {
                Daemons.deleteTree(dir);
                last = e;
                if (!String.valueOf(e.getMessage()).contains("bind")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static Dovecot launch(Path binary, Path dir, Map<String, String> users, int[] mail,
            DovecotCertificates certs) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : List.of("run", "state", "home")) {
            Files.createDirectories(dir.resolve(sub));
        }
        StringBuilder passwd = new StringBuilder();
        for (var e : users.entrySet()) {
            Path home = dir.resolve("home").resolve(e.getKey());
            for (String sub : List.of("", "Maildir", "Maildir/cur", "Maildir/new", "Maildir/tmp")) {
                Path p = home.resolve(sub);
                Files.createDirectories(p);
                chown(p, mail);
            }
            passwd.append(e.getKey()).append(":{PLAIN}").append(e.getValue()).append(':').append(mail[0]).append(':')
                    .append(mail[1]).append("::").append(home).append("::\n");
        }
        Files.writeString(dir.resolve("passwd"), passwd);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("pop3", "pop3s", "imap", "imaps")) {
            ports.put(name, Daemons.freePort());
        }
        Map<String, String> tokens = new ConcurrentHashMap<>();
        users.keySet().forEach(u -> tokens.put(HexFormat.of().formatHex(randomBytes(16)), u));
        HttpServer http = DovecotConfig.tokenEndpoint(tokens);
        Files.writeString(dir.resolve("oauth2.conf"), """
                tokeninfo_url = http://127.0.0.1:%d/tokeninfo?access_token=
                username_attribute = username
                active_attribute = active
                active_value = true
                """.formatted(http.getAddress().getPort()));
        Files.writeString(dir.resolve("dovecot.conf"), DovecotConfig.config(dir, ports, certs, mail));
        PeerProcess p = null;
        try {
            p = PeerProcess.start(binary.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString());
            Dovecot d = new Dovecot(dir, users, mail[0], mail[1], certs, http, ports, p);
            d.tokens.putAll(tokens);
            d.disableAuthPenalty();
            d.awaitListening();
            return d;
        } catch (IOException | RuntimeException | Error e) {
            if (p != null) {
                stop(p, dir.resolve("run").resolve("master.pid"));
            }
            http.stop(0);
            throw e;
        }
    }

    /**
     * Removes the anvil-auth-penalty socket before anything connects. dovecot's auth process
     * delays every login from an IP that failed recently (2, 4, 8, 15 s), which makes tests of
     * wrong passwords slow and order-dependent; auth_failure_delay does not cover it, and
     * login_trusted_networks (which should exempt loopback) did not in 2.3.19. The auth process
     * connects to this socket when it starts (on the first login) and, finding it missing, runs
     * without penalties, silently.
     */
    private void disableAuthPenalty() throws IOException {
        Path socket = dir.resolve("run").resolve("anvil-auth-penalty");
        long deadline = System.nanoTime() + STARTUP.toNanos();
        // Bounded: 20 s of 20 ms polls. The master makes it with the listeners, before any login.
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline || log().stream().anyMatch(l -> l.contains("Fatal"))) {
                throw new IOException("dovecot made no " + socket + "; output: " + log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for dovecot", e);
            }
        }
        Files.delete(socket);
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        // Bounded: 20 s of 50 ms polls.
        for (String name : ports.keySet()) {
            while (!Daemons.accepts(ports.get(name))) {
                String failure = process.seen().stream().filter(l -> l.contains("Fatal") || l.contains("Error")).findFirst().orElse(null);
                if (failure != null || System.nanoTime() > deadline) {
                    // Collect what it printed so far for the message.
                    try {
                        process.awaitLine(l -> false, Duration.ofMillis(200));
                    } catch (AssertionError e) {
                        throw new IOException("dovecot did not start: " + e.getMessage());
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for dovecot", e);
                }
                drain();
            }
        }
        for (Path socket : List.of(pop3Socket(), imapSocket())) {
            if (!Files.exists(socket)) {
                throw new IOException("dovecot listens on TCP but made no Unix socket " + socket);
            }
        }
    }

    private void drain() {
        try {
            process.awaitLine(l -> false, Duration.ofMillis(1));
        } catch (AssertionError ignored) {
            // nothing more yet: this only moves printed lines into seen()
        }
    }

    /** {@return the host to connect to: {@code 127.0.0.1} (the server certificate also names {@code localhost})} */
    public String host() {
        return "127.0.0.1";
    }

    /** {@return the POP3 port (STLS offered)} */
    public int pop3Port() {
        return ports.get("pop3");
    }

    /** {@return the implicit-TLS POP3 port (995-style)} */
    public int pop3sPort() {
        return ports.get("pop3s");
    }

    /** {@return the IMAP port (STARTTLS offered)} */
    public int imapPort() {
        return ports.get("imap");
    }

    /** {@return the implicit-TLS IMAP port (993-style)} */
    public int imapsPort() {
        return ports.get("imaps");
    }

    /** {@return the Unix socket dovecot serves POP3 on (plain text, mode 0666)} */
    public Path pop3Socket() {
        return dir.resolve("run").resolve("pop3-unix");
    }

    /** {@return the Unix socket dovecot serves IMAP on (plain text, mode 0666)} */
    public Path imapSocket() {
        return dir.resolve("run").resolve("imap-unix");
    }

    /** {@return the user names} */
    public List<String> users() {
        return List.copyOf(users.keySet());
    }

    /**
     * A user's plain-text password.
     *
     * @param user the user
     * @return the password
     * @throws IllegalArgumentException if there is no such user
     */
    public String password(String user) {
        return known(users.get(user), user);
    }

    /**
     * An OAuth 2 bearer token the server accepts for the user (XOAUTH2, OAUTHBEARER); any other
     * token is refused with an {@code invalid_token} error.
     *
     * @param user the user
     * @return the token
     * @throws IllegalArgumentException if there is no such user
     */
    public String bearerToken(String user) {
        known(users.get(user), user);
        return tokens.entrySet().stream().filter(e -> e.getValue().equals(user)).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /**
     * A TLS client context that trusts only the test CA (no client certificate).
     *
     * @return a fresh context
     */
    public SSLContext clientTls() {
        return context(null);
    }

    /**
     * A TLS client context that trusts the test CA and presents a client certificate with
     * CN = {@code user}, which dovecot takes as the user name for SASL EXTERNAL.
     *
     * @param user the certificate's user name (need not be a dovecot user, to test refusals)
     * @return a fresh context
     */
    public SSLContext clientTls(String user) {
        try {
            return context(certificates.client(user));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test CA's certificate in PEM, for clients outside this JVM (Python's {@code ssl}).
     *
     * @return the file
     */
    public Path caPem() {
        return certificates.caPem();
    }

    private SSLContext context(KeyStore client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificates.ca());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(client, DovecotCertificates.STORE_PASSWORD);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the test TLS context", e);
        }
    }

    /**
     * Puts a message into a user's INBOX (a new maildir file, owned by {@code mail}); its bytes
     * are stored as given, so give CRLF or LF line ends as the test needs (dovecot serves LF as
     * CRLF over POP3).
     *
     * @param user    the user
     * @param message the message
     * @return the file written
     * @throws IOException if it cannot be written
     * @throws IllegalArgumentException if there is no such user
     */
    public Path deliver(String user, byte[] message) throws IOException {
        return deliver(user, new java.io.ByteArrayInputStream(message));
    }

    /**
     * Puts a message read from a stream into a user's INBOX, copying it without holding it in
     * memory (a 50 MiB message under a small heap); otherwise as {@link #deliver(String, byte[])}.
     *
     * @param user    the user
     * @param message the message; read to its end, not closed
     * @return the file written
     * @throws IOException if it cannot be read or written
     * @throws IllegalArgumentException if there is no such user
     */
    public Path deliver(String user, java.io.InputStream message) throws IOException {
        known(users.get(user), user);
        Path maildir = dir.resolve("home").resolve(user).resolve("Maildir");
        // maildir: write into tmp/, then rename into new/ so dovecot never sees half a message.
        String name = System.currentTimeMillis() / 1000 + ".M" + DELIVERIES.incrementAndGet() + "P"
                + ProcessHandle.current().pid() + ".sockets-test";
        Path tmp = maildir.resolve("tmp").resolve(name);
        Files.copy(message, tmp);
        chown(tmp, new int[] {mailUid, mailGid});
        return Files.move(tmp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Removes every message of a user (between test methods; the user must not be logged in).
     *
     * @param user the user
     * @throws IOException if a file cannot be removed
     */
    public void clearMailbox(String user) throws IOException {
        known(users.get(user), user);
        Path maildir = dir.resolve("home").resolve(user).resolve("Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            try (Stream<Path> files = Files.list(maildir.resolve(sub))) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** {@return the master process's PID} */
    public long pid() {
        return Long.parseLong(readPid().strip());
    }

    private String readPid() {
        try {
            return Files.readString(dir.resolve("run").resolve("master.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What dovecot logged so far (its log goes to its standard error).
     *
     * @return the lines
     */
    public List<String> log() {
        drain();
        return process.seen();
    }

    /** Stops dovecot (SIGTERM to its master by PID, SIGKILL after 10 s) and removes its folder; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(process, dir.resolve("run").resolve("master.pid"));
        } finally {
            tokenInfo.stop(0);
            Daemons.deleteTree(dir);
        }
    }

    private static void stop(PeerProcess p, Path pidFile) {
        // SIGTERM to the master by its PID lets it stop its children; PeerProcess.close then
        // kills whatever is left.
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroy);
        } catch (IOException | NumberFormatException ignored) {
            // no PID file yet (it failed early): PeerProcess.close kills it
        }
        try {
            p.awaitExit(Duration.ofSeconds(10));
        } catch (AssertionError ignored) {
            // still running: killed below
        }
        p.close();
    }

    private static int[] mailUser() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals("mail")) {
                return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
            }
        }
        throw new IOException("no user 'mail' in /etc/passwd (dovecot's mailbox owner)");
    }

    private static void chown(Path p, int[] owner) throws IOException {
        Files.setAttribute(p, "unix:uid", owner[0]);
        Files.setAttribute(p, "unix:gid", owner[1]);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String known(String value, String user) {
        if (value == null) {
            throw new IllegalArgumentException("no such dovecot test user: " + user);
        }
        return value;
    }

    @Override
    public String toString() {
        return "Dovecot[pop3=" + ports.get("pop3") + ", pop3s=" + ports.get("pop3s") + ", imap=" + ports.get("imap")
                + ", imaps=" + ports.get("imaps") + ", dir=" + dir + "]";
    }

}
