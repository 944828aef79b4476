package org.sockets.bench;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.pop3.POP3Client;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sockets.pop3.Pop3Client;
import org.sockets.pop3.Pop3Login;
import org.sockets.protocol.ClientOptions;

/**
 * Issue #16, must show 5: one POP3 session that logs in (USER/PASS, plain text on loopback for
 * both clients) and retrieves the {@value Pop3BenchServer#MESSAGES} 4 KiB messages of
 * {@link Pop3BenchServer}'s dovecot, reading every byte. {@code impl=sockets}: our client,
 * {@code retrieveEach} (pipelined, as dovecot offers PIPELINING); {@code impl=commons-net}:
 * Commons Net's {@code POP3Client}, one {@code retrieveMessage} after another (it cannot
 * pipeline), read through an 8 KiB buffer as ours. Python's poplib runs the same session in
 * pop3.py; bin/bench interleaves the three.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "--enable-native-access=ALL-UNNAMED"})
public class Pop3Benchmark {

    /** {@code sockets} or {@code commons-net}. */
    @Param({"sockets", "commons-net"})
    public String impl;

    /** The dovecot's POP3 port (from Pop3BenchServer). */
    @Param({"0"})
    public int port;

    /** alice's password (from Pop3BenchServer). */
    @Param({""})
    public String password;

    /**
     * One session: login, every message read to its end, QUIT.
     *
     * @return the bytes read
     * @throws IOException on failure
     */
    @Benchmark
    public long session() throws IOException {
        return impl.equals("sockets") ? ours() : commonsNet();
    }

    private long ours() throws IOException {
        ClientOptions o = ClientOptions.defaults().withCredentials("alice", password::toCharArray).withPlainTextCredentials();
        List<Integer> all = new ArrayList<>(Pop3BenchServer.MESSAGES);
        for (int i = 1; i <= Pop3BenchServer.MESSAGES; i++) {
            all.add(i);
        }
        long[] n = {0};
        byte[] buf = new byte[8192];
        try (Pop3Client pop = Pop3Client.builder("127.0.0.1").port(port).options(o).login(Pop3Login.userPass()).connect()) {
            pop.retrieveEach(all, (k, in) -> {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    n[0] += r;
                }
            });
            pop.quit();
        }
        return check(n[0]);
    }

    private long commonsNet() throws IOException {
        POP3Client c = new POP3Client();
        c.connect("127.0.0.1", port);
        try {
            if (!c.login("alice", password)) {
                throw new IOException("Commons Net login failed: " + c.getReplyString());
            }
            long n = 0;
            char[] buf = new char[8192];
            for (int i = 1; i <= Pop3BenchServer.MESSAGES; i++) {
                try (Reader r = c.retrieveMessage(i)) {
                    for (int k; (k = r.read(buf)) >= 0; ) {
                        n += k;
                    }
                }
            }
            c.logout();
            return check(n);
        } finally {
            c.disconnect();
        }
    }

    private static long check(long n) throws IOException {
        // Commons Net's reader drops line ends (CRLF counted as its line separator): both count
        // characters of the message; a short count would mean a broken session, not a fast one.
        if (n < (long) Pop3BenchServer.MESSAGES * (Pop3BenchServer.SIZE - 200)) {
            throw new IOException("only " + n + " bytes read");
        }
        return n;
    }

}
