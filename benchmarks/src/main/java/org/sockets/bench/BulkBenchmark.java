package org.sockets.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
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
 * Bulk throughput: one operation sends 2 GiB in 64 KiB writes from a direct buffer and waits for
 * the server's one-byte acknowledgement that it has read them all (64 KiB reads). The client is
 * the same raw-NIO code for every server. Score: milliseconds per 2 GiB (the report turns it into
 * GiB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BulkBenchmark {

    /** The server under test: {@code raw}, {@code sockets} or {@code python}. */
    @Param({"raw", "sockets", "python"})
    public String server;

    private ServerProcess process;
    private SocketChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(Patterns.BULK_CHUNK);
    private final ByteBuffer ack = ByteBuffer.allocateDirect(1);

    /**
     * Starts the server and connects.
     *
     * @throws IOException if either fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        process = ServerProcess.start(server, "bulk");
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", process.port()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    /**
     * Sends 2 GiB and waits for the acknowledgement.
     *
     * @return the acknowledgement byte
     * @throws IOException on an I/O error or an early close
     */
    @Benchmark
    public byte transfer() throws IOException {
        for (long sent = 0; sent < Patterns.BULK_BYTES; sent += Patterns.BULK_CHUNK) {
            chunk.clear();
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        ack.clear();
        if (channel.read(ack) < 0) {
            throw new EOFException("server closed before acknowledging");
        }
        return ack.get(0);
    }

    /** Closes the connection and stops the server. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        channel.close();
        process.close();
    }
}
