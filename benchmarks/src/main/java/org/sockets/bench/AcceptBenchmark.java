package org.sockets.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sockets.bench.driver.ServerProcess;

/**
 * The tutorial's loop, seen from its client: connect, read the thank-you until the server closes,
 * close. One client thread, the same raw-NIO code for every server; the server is the tutorial's
 * sequential one ({@code pattern=accept}) or the virtual-thread-per-connection variant
 * ({@code pattern=accept-concurrent}, Java servers only). Score: connections per second.
 *
 * <p>Each connection leaves a TIME_WAIT on the server's side (it closes first), and a trial opens
 * 6 s worth of connections, more than the 28,000 ephemeral ports: that works because Linux lets a
 * new SYN take over a TIME_WAIT pair (newer timestamps; tcp_tw_reuse covers loopback). Each trial
 * also gets a fresh server port.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Short trials, more of them: what scatters a ratio is the trial (placement, JIT, the neighbours'
// load), not the seconds inside it (docs/decisions/2026-12-06-bench-decidable-tcp-unix.md).
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class AcceptBenchmark {

    /** The server under test: {@code raw}, {@code sockets} or {@code python}. */
    @Param({"raw", "sockets", "python"})
    public String server;

    /** {@code accept} (sequential, as the tutorial) or {@code accept-concurrent}. */
    @Param({"accept"})
    public String pattern;

    private ServerProcess process;
    private InetSocketAddress address;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(256);

    /**
     * Starts the server.
     *
     * @throws IOException if it fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        process = ServerProcess.start(server, pattern);
        address = new InetSocketAddress("127.0.0.1", process.port());
    }

    /**
     * One connection: connect, read to the end, close.
     *
     * @return the bytes received
     * @throws IOException on an I/O error or a short message
     */
    @Benchmark
    public int connection() throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET)) {
            ch.connect(address);
            buf.clear();
            while (ch.read(buf) >= 0) {
                if (!buf.hasRemaining()) {
                    throw new IOException("server sent more than " + buf.capacity() + " bytes");
                }
            }
            if (buf.position() != Patterns.THANK_YOU.length) {
                throw new IOException("expected " + Patterns.THANK_YOU.length + " bytes, got " + buf.position());
            }
            return buf.position();
        }
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void stop() {
        process.close();
    }
}
