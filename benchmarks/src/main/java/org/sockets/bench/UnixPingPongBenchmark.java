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
 * Unix-domain STREAM 64-byte round trips, as {@link PingPongBenchmark}: the client (the JDK's Unix
 * {@link SocketChannel}, blocking, a direct buffer, one platform thread) writes 64 bytes and reads
 * 64 back. Servers: {@code raw} (the frozen {@code RawUnixServers}), {@code sockets}
 * (sockets-unix), {@code junixsocket} (its NIO channels, JNI), {@code tcp} (the raw TCP echo server on 127.0.0.1, same client code on an INET
 * channel with TCP_NODELAY). Score: round trips per second.
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
public class UnixPingPongBenchmark {

    /** The server under test: {@code raw}, {@code sockets}, {@code junixsocket} or {@code tcp}. */
    @Param({"raw", "sockets", "junixsocket", "tcp"})
    public String server;

    /**
     * The Unix servers' thread: {@code platform} (the process's main thread, blocking in the JDK's
     * read or in our poller wait) or {@code virtual} (a virtual thread per connection: the JDK
     * parks it on its own poller, as we do on ours).
     */
    @Param({"platform"})
    public String thread;

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
        if (server.equals("tcp")) {
            process = ServerProcess.start("raw", "pingpong");
            channel = StreamClient.connectTcp(process);
        } else {
            process = ServerProcess.start(server, thread.equals("virtual") ? "unix-pingpong-vt" : "unix-pingpong");
            channel = StreamClient.connectUnix(process);
        }
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
