package org.sockets.protocol.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;
import org.sockets.testkit.TestCertificates;

/**
 * A real FTP server run by a test on a free loopback port, stopped on close: vsftpd (anonymous,
 * writable {@code pub/}, TYPE A conversion on, IPv4 or IPv6), proftpd (a user with a password,
 * MLSD; unpacked with {@code apt-get download} + {@code dpkg -x} as FTP servers conflict in apt),
 * or pyftpdlib (a user with a password, MLSD, MFMT; run by Debian's python3). FTPS variants of
 * vsftpd ({@link #vsftpdTls(boolean)}, explicit or implicit, session reuse required) and proftpd
 * ({@link #proftpdTls()}, mod_tls) present {@link TestCertificates#good()}.
 *
 * {@snippet :
 * try (FtpServer ftp = FtpServer.vsftpd(false)) {
 *     Files.writeString(ftp.files().resolve("a.txt"), "hello\n");   // the client sees pub/a.txt
 * }
 * }
 */
public final class FtpServer implements AutoCloseable {

    /** The user of proftpd and pyftpdlib. */
    public static final String USER = "alice";
    /** Its password. */
    public static final String PASSWORD = "hunter2-secret";
    /** {@link #PASSWORD} as MD5-crypt, for proftpd's AuthUserFile. */
    private static final String PASSWORD_CRYPT = "$1$sockets$qzYMcwjPGANdwAbdA5btz0";
    /** Where proftpd's packages are unpacked, kept between runs. */
    private static final Path PROFTPD_HOME = Path.of(System.getProperty("java.io.tmpdir"), "sockets-proftpd-1.3.8");
    private static final List<String> PROFTPD_PACKAGES = List.of("proftpd-core", "libhiredis0.14", "libmemcached11",
            "libmemcachedutil2", "libhashkit2", "libpcre2-posix3");
    /** Where proftpd-mod-crypto (mod_tls) is unpacked, kept between runs; same version as proftpd-core. */
    private static final Path PROFTPD_CRYPTO_HOME = Path.of(System.getProperty("java.io.tmpdir"), "sockets-proftpd-1.3.8-crypto");
    private static final Duration START = Duration.ofSeconds(20);

    private final String name;
    private final String host;
    private final int port;
    private final Path dir;
    private final Path files;
    private final String folder;
    private final PeerProcess process;

    private FtpServer(String name, String host, int port, Path dir, Path files, String folder, PeerProcess process) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.dir = dir;
        this.files = files;
        this.folder = folder;
        this.process = process;
    }

    /**
     * Starts vsftpd 3.0.3 for anonymous users: the FTP root is read-only (vsftpd insists), its
     * {@code pub/} folder writable; {@code ascii_upload_enable} and {@code ascii_download_enable}
     * on, so TYPE A converts line ends.
     *
     * @param ipv6 listen on ::1 instead of 127.0.0.1
     * @return the running server
     * @throws IOException if it does not come up
     */
    public static FtpServer vsftpd(boolean ipv6) throws IOException {
        return vsftpd(ipv6, List.of());
    }

    private static FtpServer vsftpd(boolean ipv6, List<String> extra) throws IOException {
        Path binary = Path.of("/usr/sbin/vsftpd");
        Peers.require(Files.isExecutable(binary), "vsftpd (apt-get install vsftpd; .ci/packages)");
        Peers.require(Peers.root(), "root, for vsftpd's chroot");
        Path dir = Daemons.folder("ftp-vsftpd");
        Path root = dir.resolve("root");
        Path pub = root.resolve("pub");
        Files.createDirectories(dir.resolve("empty"));
        Files.createDirectories(pub);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(pub, PosixFilePermissions.fromString("rwxrwxrwx"));
        String host = ipv6 ? "::1" : "127.0.0.1";
        int port = Daemons.freePort(ipv6);
        Files.writeString(dir.resolve("vsftpd.conf"), String.join("\n",
                ipv6 ? "listen=NO" : "listen=YES",
                ipv6 ? "listen_ipv6=YES" : "listen_ipv6=NO",
                (ipv6 ? "listen_address6=" : "listen_address=") + host,
                "listen_port=" + port,
                "background=NO", "seccomp_sandbox=NO", "secure_chroot_dir=" + dir.resolve("empty"),
                "anonymous_enable=YES", "local_enable=NO", "no_anon_password=YES", "anon_root=" + root,
                "write_enable=YES", "anon_upload_enable=YES", "anon_mkdir_write_enable=YES", "anon_other_write_enable=YES",
                "anon_umask=022", "ascii_upload_enable=YES", "ascii_download_enable=YES", "xferlog_enable=NO",
                "pasv_enable=YES", "port_enable=YES", "utf8_filesystem=YES", "max_per_ip=0", "max_clients=0",
                String.join("\n", extra), ""));
        return launch("vsftpd", host, port, dir, pub, "pub", new ProcessBuilder(binary.toString(), dir.resolve("vsftpd.conf").toString()));
    }

    /**
     * Starts proftpd 1.3.8 with {@link #USER} (home folder = FTP root, chrooted), MLSD on.
     *
     * @return the running server
     * @throws IOException if it cannot be fetched or does not come up
     */
    public static FtpServer proftpd() throws IOException {
        return proftpd(List.of());
    }

    private static FtpServer proftpd(List<String> extra) throws IOException {
        Peers.require(Peers.root(), "root, for proftpd's chroot and user switch");
        Path binary = PROFTPD_HOME.resolve("usr/sbin/proftpd");
        if (!Files.isExecutable(binary)) {
            fetchDebs(PROFTPD_PACKAGES, PROFTPD_HOME);
        }
        Peers.require(Files.isExecutable(binary), "proftpd, from apt-get download " + PROFTPD_PACKAGES + " + dpkg -x into " + PROFTPD_HOME);
        Path dir = Daemons.folder("ftp-proftpd");
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("passwd"), USER + ":" + PASSWORD_CRYPT + ":65534:65534::" + home + ":/bin/sh\n");
        Files.writeString(dir.resolve("group"), "nogroup:x:65534:\n");
        // mod_auth_file refuses world-readable password files.
        Files.setPosixFilePermissions(dir.resolve("passwd"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir.resolve("group"), PosixFilePermissions.fromString("rw-------"));
        int port = Daemons.freePort(false);
        Files.writeString(dir.resolve("proftpd.conf"), String.join("\n",
                "ServerType standalone", "DefaultServer on", "Port " + port, "DefaultAddress 127.0.0.1", "UseIPv6 off",
                "User nobody", "Group nogroup", "PidFile " + dir.resolve("proftpd.pid"),
                "ScoreboardFile " + dir.resolve("proftpd.scoreboard"), "WtmpLog off", "UseReverseDNS off",
                "AuthUserFile " + dir.resolve("passwd"), "AuthGroupFile " + dir.resolve("group"),
                "AuthOrder mod_auth_file.c", "RequireValidShell off", "DefaultRoot ~", "AllowOverwrite on",
                "AllowStoreRestart on", "AllowRetrieveRestart on", "Umask 022", "MaxInstances 200",
                // In a container: no capabilities, no login delay, no control socket (FACTS.md).
                "<IfModule mod_cap.c>", "  CapabilitiesEngine off", "</IfModule>",
                "<IfModule mod_delay.c>", "  DelayEngine off", "</IfModule>",
                "<IfModule mod_ctrls.c>", "  ControlsEngine off", "</IfModule>",
                String.join("\n", extra).replace("@DIR@", dir.toString()), ""));
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-n", "-c", dir.resolve("proftpd.conf").toString());
        pb.environment().put("LD_LIBRARY_PATH", PROFTPD_HOME.resolve("usr/lib/x86_64-linux-gnu").toString());
        return launch("proftpd", "127.0.0.1", port, dir, home, "", pb);
    }

    /**
     * Starts pyftpdlib with {@link #USER} (all permissions on its root), MLSD and MFMT on.
     *
     * @return the running server
     * @throws IOException if it does not come up
     */
    public static FtpServer pyftpdlib() throws IOException {
        Path python = Path.of("/usr/bin/python3");
        boolean present = Files.isExecutable(python) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pyftpdlib"));
        Peers.require(present, "pyftpdlib (apt-get install python3-pyftpdlib; .ci/packages)");
        Path dir = Daemons.folder("ftp-pyftpdlib");
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        int port = Daemons.freePort(false);
        String script = """
                import sys, logging
                from pyftpdlib.authorizers import DummyAuthorizer
                from pyftpdlib.handlers import FTPHandler
                from pyftpdlib.servers import FTPServer
                logging.basicConfig(level=logging.WARNING)
                a = DummyAuthorizer()
                a.add_user(sys.argv[1], sys.argv[2], sys.argv[3], perm="elradfmwMT")
                h = FTPHandler
                h.authorizer = a
                s = FTPServer(("127.0.0.1", int(sys.argv[4])), h)
                print("LISTENING", flush=True)
                s.serve_forever()
                """;
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-c", script, USER, PASSWORD, root.toString(), Integer.toString(port));
        return launch("pyftpdlib", "127.0.0.1", port, dir, root, "", pb);
    }

    /**
     * Starts vsftpd 3.0.3 for FTPS (anonymous, as {@link #vsftpd(boolean)}, on 127.0.0.1) with
     * the test certificate for localhost and 127.0.0.1 ({@link TestCertificates#good()}): TLS
     * required for login and data, TLS 1.2 and 1.3, and {@code require_ssl_reuse=YES}, so every
     * data connection must resume the control connection's session or get {@code 522}.
     *
     * @param implicit TLS from the first byte ({@code implicit_ssl=YES}) instead of {@code AUTH TLS}
     * @return the running server
     * @throws IOException if it does not come up
     */
    public static FtpServer vsftpdTls(boolean implicit) throws IOException {
        TestCertificates.Identity id = TestCertificates.get().good();
        return vsftpd(false, List.of("ssl_enable=YES", "allow_anon_ssl=YES", "force_anon_logins_ssl=YES",
                "force_anon_data_ssl=YES", "require_ssl_reuse=YES", "implicit_ssl=" + (implicit ? "YES" : "NO"),
                // 3.0.3's default cipher list (DES-CBC3-SHA) has nothing for an EC key.
                "ssl_ciphers=HIGH", "ssl_request_cert=NO", "ssl_tlsv1=YES",
                "rsa_cert_file=" + id.chainPem(), "rsa_private_key_file=" + id.keyPem()));
    }

    /**
     * Starts proftpd 1.3.8 with mod_tls (from {@code proftpd-mod-crypto}) and the test
     * certificate: explicit FTPS, TLS required for login and data but not for the control
     * connection after login (so CCC is allowed), session reuse required on data connections
     * (mod_tls's default), TLS 1.2 and 1.3. Its TLS log ({@link #tlsLog()}) says for each data
     * connection whether the session was resumed.
     *
     * @return the running server
     * @throws IOException if it cannot be fetched or does not come up
     */
    public static FtpServer proftpdTls() throws IOException {
        Path module = PROFTPD_CRYPTO_HOME.resolve("usr/lib/proftpd/mod_tls.so");
        if (!Files.isRegularFile(module)) {
            fetchDebs(List.of("proftpd-mod-crypto"), PROFTPD_CRYPTO_HOME);
        }
        Peers.require(Files.isRegularFile(module), "proftpd's mod_tls, from apt-get download proftpd-mod-crypto + dpkg -x into "
                + PROFTPD_CRYPTO_HOME);
        TestCertificates.Identity id = TestCertificates.get().good();
        return proftpd(List.of("ModulePath " + module.getParent(), "LoadModule mod_tls.c", "TLSEngine on",
                "TLSRequired auth+data", "TLSProtocol TLSv1.2 TLSv1.3", "TLSVerifyClient off",
                "TLSECCertificateFile " + id.chainPem(), "TLSECCertificateKeyFile " + id.keyPem(),
                "TLSLog @DIR@/tls.log"));
    }

    /**
     * proftpd's mod_tls log ({@link #proftpdTls()}): one line per TLS connection, e.g.
     * {@code "TLSv1.3 data connection accepted, using cipher ... (256 bits, resumed session)"}.
     *
     * @return the lines so far, or none for other servers
     * @throws IOException if the log cannot be read
     */
    public List<String> tlsLog() throws IOException {
        Path log = dir.resolve("tls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Fetches Debian packages into {@code home} (apt-get download + dpkg -x), whole or not at all. */
    private static void fetchDebs(List<String> packages, Path home) throws IOException {
        Path dl = Files.createTempDirectory("ftp-debs");
        try {
            List<String> cmd = new ArrayList<>(List.of("apt-get", "download"));
            cmd.addAll(packages);
            run(new ProcessBuilder(cmd).directory(dl.toFile()));
            Path staging = Files.createTempDirectory(home.getParent(), "sockets-debs-staging");
            try (Stream<Path> debs = Files.list(dl)) {
                for (Path deb : debs.filter(f -> f.toString().endsWith(".deb")).toList()) {
                    run(new ProcessBuilder("dpkg", "-x", deb.toString(), staging.toString()));
                }
            }
            try {
                Files.move(staging, home); // whole or not at all, even with two JVMs racing
            } catch (IOException raced) {
                Daemons.deleteTree(staging);
            }
        } catch (IOException e) {
            if (Peers.required()) {
                throw e;
            }
        } finally {
            Daemons.deleteTree(dl);
        }
    }

    private static FtpServer launch(String name, String host, int port, Path dir, Path files, String folder, ProcessBuilder pb)
            throws IOException {
        PeerProcess p = PeerProcess.start(pb);
        try {
            awaitListening(host, port, p, name);
            return new FtpServer(name, host, port, dir, files, folder, p);
        } catch (IOException | RuntimeException | Error e) {
            p.close();
            Daemons.deleteTree(dir);
            throw e;
        }
    }

    private static void awaitListening(String host, int port, PeerProcess p, String name) throws IOException {
        long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port))) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for " + name, e);
                }
            }
        }
        throw new IOException(name + " did not listen on " + host + ":" + port + " within " + START + "; it said " + p.seen());
    }

    private static void run(ProcessBuilder pb) throws IOException {
        try (PeerProcess p = PeerProcess.start(pb)) {
            List<String> out = p.awaitExit(Duration.ofMinutes(3));
            if (p.exitValue() != 0) {
                throw new IOException(pb.command() + " failed: " + out);
            }
        }
    }

    /**
     * Which server this is ({@code "vsftpd"}, {@code "proftpd"}, {@code "pyftpdlib"}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The address it listens on.
     *
     * @return {@code 127.0.0.1} or {@code ::1}
     */
    public String host() {
        return host;
    }

    /**
     * The control port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The local folder the client's writable FTP folder is ({@link #folder()}): create files here.
     *
     * @return the folder
     */
    public Path files() {
        return files;
    }

    /**
     * The writable folder as the client names it: {@code "pub"} on vsftpd, {@code ""} (the login
     * folder) elsewhere.
     *
     * @return the FTP path, relative to the login folder
     */
    public String folder() {
        return folder;
    }

    /**
     * A path under {@link #folder()} as the client names it.
     *
     * @param name a file name
     * @return e.g. {@code "pub/a.txt"} or {@code "a.txt"}
     */
    public String path(String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /**
     * Whether the server wants {@link #USER} / {@link #PASSWORD} (proftpd, pyftpdlib) rather than
     * an anonymous login (vsftpd).
     *
     * @return {@code true} for a password login
     */
    public boolean needsPassword() {
        return !name.equals("vsftpd");
    }

    /** Stops the server (its process and session children) and removes its folder. */
    @Override
    public void close() {
        process.close();
        Daemons.deleteTree(dir);
    }

    @Override
    public String toString() {
        return name + "@" + host + ":" + port;
    }
}
