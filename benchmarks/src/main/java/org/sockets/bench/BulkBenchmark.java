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
import org.openjdk.jmh.annotations.Warmup;
import org.sockets.bench.driver.ServerProcess;

/**
 * Bulk throughput: one operation asks the server (one byte) for 2 GiB, which it sends in 64 KiB
 * writes, and reads them into a 64 KiB direct buffer. The server is the sender because on loopback
 * the sender's write does most of the kernel's work (it runs the TCP and loopback path, the
 * receiver only copies out): the side under test must be the busy one. The client is the same
 * raw-NIO code for every server. Score: milliseconds per 2 GiB (the report turns it into GiB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Short trials, more of them: what scatters a ratio is the trial (placement, JIT, the neighbours'
// load), not the seconds inside it (docs/decisions/2026-12-06-bench-decidable-tcp-unix.md).
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BulkBenchmark {

    /** The server under test: {@code raw}, {@code sockets} or {@code python}. */
    @Param({"raw", "sockets", "python"})
    public String server;

    private ServerProcess process;
    private SocketChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(Patterns.BULK_CHUNK);
    private final ByteBuffer request = ByteBuffer.allocateDirect(1);

    /**
     * Starts the server and connects.
     *
     * @throws IOException if either fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        process = ServerProcess.start(server, "bulk");
        channel = StreamClient.connectTcp(process);
    }

    /**
     * Receives 2 GiB.
     *
     * @return the last byte read, so the work cannot be optimised away
     * @throws IOException on an I/O error or an early close
     */
    @Benchmark
    public byte transfer() throws IOException {
        return StreamClient.transfer(channel, request, chunk);
    }

    /** Closes the connection and stops the server. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        channel.close();
        process.close();
    }
}
