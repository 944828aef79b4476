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
 * Unix-domain STREAM bulk, as {@link BulkBenchmark}: one operation asks the server for 2 GiB, sent
 * in 64 KiB writes, read into a 64 KiB direct buffer by the JDK's own Unix {@link SocketChannel}
 * (the same client for every server). Servers: {@code raw} (the frozen {@code RawUnixServers}, the
 * JDK's channel), {@code sockets} (sockets-unix), {@code junixsocket} (its NIO channels, JNI), and {@code tcp}: the raw TCP server of
 * {@link BulkBenchmark} on 127.0.0.1 with this same client code on an INET channel, so TCP
 * loopback stands beside Unix in the same run. Score: milliseconds per 2 GiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class UnixBulkBenchmark {

    /** The server under test: {@code raw}, {@code sockets}, {@code junixsocket} or {@code tcp}. */
    @Param({"raw", "sockets", "junixsocket", "tcp"})
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
        if (server.equals("tcp")) {
            process = ServerProcess.start("raw", "bulk");
            channel = StreamClient.connectTcp(process);
        } else {
            process = ServerProcess.start(server, "unix-bulk");
            channel = StreamClient.connectUnix(process);
        }
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
