package org.sockets.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sockets.ftp.FtpClient;
import org.sockets.protocol.ClientOptions;

/**
 * Issue #20, must show 6: against {@link FtpBenchServer}'s vsftpd, one client per trial, reused
 * for every operation (anonymous, binary, passive): {@code op=down} RETRs {@code pub/big.bin},
 * {@code op=up} STORs as many bytes, {@code op=small} RETRs the {@value FtpBenchServer#SMALL_FILES}
 * 4 KiB files one after another. Both clients move 64 KiB per read or write: ours through its
 * streams, Commons Net 3.13.0's {@code FTPClient} with {@code setBufferSize(65536)}. curl runs the
 * same operations from bin/bench; it interleaves the three. {@code op=tlsdown} (issue #21) RETRs
 * big.bin over explicit FTPS from the TLS vsftpd ({@code ftpsPort}, TLS 1.3, data connections
 * resuming the control session, as that server requires); ours only, against curl: Commons Net's
 * {@code FTPSClient} cannot resume the session there without reflection into the JDK.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "--enable-native-access=ALL-UNNAMED"})
public class FtpBenchmark {

    static final int BUFFER = 64 * 1024;

    /** {@code sockets} or {@code commons-net}. */
    @Param({"sockets", "commons-net"})
    public String impl;

    /** {@code down}, {@code up}, {@code small} or {@code tlsdown}. */
    @Param({"down", "up", "small"})
    public String op;

    /** The FTPS vsftpd's port (from FtpBenchServer), for {@code op=tlsdown}. */
    @Param({"0"})
    public int ftpsPort;

    /** The CA certificate (PEM) that FTPS vsftpd's certificate is issued by. */
    @Param({""})
    public String ca;

    /** vsftpd's port (from FtpBenchServer). */
    @Param({"0"})
    public int port;

    /** The size of big.bin in MiB (as FtpBenchServer was told). */
    @Param({"1024"})
    public long mib;

    private FtpClient ours;
    private FTPClient theirs;
    private final byte[] buf = new byte[BUFFER];

    /**
     * Connects and logs in once per trial.
     *
     * @throws IOException on failure
     */
    @Setup(Level.Trial)
    public void connect() throws IOException {
        if (op.equals("tlsdown")) {
            if (!impl.equals("sockets")) {
                throw new IllegalArgumentException("op=tlsdown is measured for impl=sockets only, not " + impl);
            }
            ours = FtpClient.builder("127.0.0.1").port(ftpsPort).options(ClientOptions.defaults()
                    .withTlsMode(org.sockets.protocol.TlsMode.STARTTLS).withTrustedCertificates(java.nio.file.Path.of(ca))).connect();
        } else if (impl.equals("sockets")) {
            ours = FtpClient.builder("127.0.0.1").port(port).options(ClientOptions.defaults()).connect();
        } else {
            theirs = new FTPClient();
            theirs.setBufferSize(BUFFER);
            theirs.connect("127.0.0.1", port);
            if (!theirs.login("anonymous", "anonymous@")) {
                throw new IOException("Commons Net login failed: " + theirs.getReplyString());
            }
            theirs.setFileType(FTP.BINARY_FILE_TYPE);
            theirs.enterLocalPassiveMode();
        }
    }

    /**
     * Says goodbye.
     *
     * @throws IOException on failure
     */
    @TearDown(Level.Trial)
    public void quit() throws IOException {
        if (ours != null) {
            ours.quit();
        }
        if (theirs != null) {
            theirs.logout();
            theirs.disconnect();
        }
    }

    /**
     * One operation.
     *
     * @return the bytes moved
     * @throws IOException on failure
     */
    @Benchmark
    public long operation() throws IOException {
        return switch (op) {
            case "down", "tlsdown" -> check(retrieve("pub/big.bin"), mib << 20);
            case "up" -> store("pub/up-" + impl + ".bin", mib << 20);
            default -> {
                long n = 0;
                for (int i = 0; i < FtpBenchServer.SMALL_FILES; i++) {
                    n += retrieve(String.format("pub/small/f%04d", i));
                }
                yield check(n, (long) FtpBenchServer.SMALL_FILES * FtpBenchServer.SMALL_SIZE);
            }
        };
    }

    private long retrieve(String path) throws IOException {
        long n = 0;
        if (ours != null) {
            try (InputStream in = ours.retrieve(path)) {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    n += r;
                }
            }
            return n;
        }
        try (InputStream in = theirs.retrieveFileStream(path)) {
            if (in == null) {
                throw new IOException("Commons Net RETR refused: " + theirs.getReplyString());
            }
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
        }
        if (!theirs.completePendingCommand()) {
            throw new IOException("Commons Net RETR incomplete: " + theirs.getReplyString());
        }
        return n;
    }

    private long store(String path, long bytes) throws IOException {
        OutputStream out = ours != null ? ours.store(path) : theirs.storeFileStream(path);
        if (out == null) {
            throw new IOException("Commons Net STOR refused: " + theirs.getReplyString());
        }
        try (out) {
            for (long left = bytes; left > 0; left -= BUFFER) {
                out.write(buf, 0, (int) Math.min(BUFFER, left));
            }
        }
        if (theirs != null && !theirs.completePendingCommand()) {
            throw new IOException("Commons Net STOR incomplete: " + theirs.getReplyString());
        }
        return bytes;
    }

    private static long check(long n, long expected) throws IOException {
        if (n != expected) {
            throw new IOException(n + " bytes moved, not " + expected);
        }
        return n;
    }
}
