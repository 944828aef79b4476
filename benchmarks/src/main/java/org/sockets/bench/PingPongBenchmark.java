package org.sockets.bench;

import java.io.IOException;
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
 * 64-byte round trips over one connection: the client writes 64 bytes and reads 64 back. The
 * client is the same blocking raw-NIO code for every server (direct buffer, TCP_NODELAY, one
 * platform thread); only the server process differs. Score: round trips per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Short trials, more of them: what scatters a ratio is the trial (placement, JIT, the neighbours'
// load), not the seconds inside it (docs/decisions/2026-12-06-bench-decidable-tcp-unix.md).
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class PingPongBenchmark {

    /** The server under test: {@code raw}, {@code sockets}, {@code python} or {@code netty}. */
    @Param({"raw", "sockets", "python", "netty"})
    public String server;

    private ServerProcess process;
    private SocketChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.PING_SIZE);

    /**
     * Starts the server and connects.
     *
     * @throws IOException if either fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        process = ServerProcess.start(server, "pingpong");
        channel = StreamClient.connectTcp(process);
    }

    /**
     * One round trip.
     *
     * @return the first byte back, so the work cannot be optimised away
     * @throws IOException on an I/O error or an early close
     */
    @Benchmark
    public byte roundTrip() throws IOException {
        return StreamClient.roundTrip(channel, buf);
    }

    /** Closes the connection and stops the server. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        channel.close();
        process.close();
    }
}
