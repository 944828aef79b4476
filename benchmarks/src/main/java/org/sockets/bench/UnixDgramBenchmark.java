package org.sockets.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.bench.driver.ServerProcess;

/**
 * Unix-domain DGRAM rate: one operation sends {@link Patterns#UNIX_DGRAM_COUNT} datagrams of
 * {@link Patterns#UNIX_DGRAM_SIZE} bytes as fast as the receiver takes them (a Unix datagram is
 * never dropped: the sender waits for room in the receiver's queue), then a count query, and
 * ends when the receiver's answer says it has every one. The JDK has no Unix datagram channel, so
 * the sender is our own endpoint (sockets-unix, connected, bound to a socket file for the answer),
 * the same for every receiver, and the receivers compared are {@code sockets}, {@code junixsocket}
 * ({@code AFUNIXDatagramChannel}, JNI) and {@code python} ({@code recvfrom_into}). Score: milliseconds per operation (the report gives datagrams/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class UnixDgramBenchmark {

    /** The receiver under test: {@code sockets}, {@code junixsocket} or {@code python}. */
    @Param({"sockets", "junixsocket", "python"})
    public String server;

    private ServerProcess process;
    private Path dir;
    private Endpoint sender;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(Patterns.UNIX_DGRAM_SIZE);
    private final ByteBuffer query = ByteBuffer.allocateDirect(Patterns.COUNT_QUERY);
    private final ByteBuffer reply = ByteBuffer.allocateDirect(Patterns.COUNT_REPLY);
    private long seq;
    private long total;

    /**
     * Starts the receiver, binds the sender to a socket file and connects it.
     *
     * @throws IOException if any step fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        process = ServerProcess.start(server, "unix-dgram");
        dir = Files.createTempDirectory("sockets-bench-client");
        sender = Sockets.open(Family.UNIX, SocketType.DGRAM);
        sender.bind(Address.unix(dir.resolve("c.sock")));
        sender.connect(Address.unix(process.path()));
        // Bounds every call (a receiver that died must not hang the run); the same for every receiver.
        sender.timeout(Duration.ofSeconds(10));
        total = count();
    }

    /**
     * Sends the datagrams and waits for the receiver to have them all.
     *
     * @return the receiver's count
     * @throws IOException on an I/O error, a timeout, or a count that does not add up
     */
    @Benchmark
    public long burst() throws IOException {
        for (int i = 0; i < Patterns.UNIX_DGRAM_COUNT; i++) {
            datagram.clear();
            sender.send(datagram);
        }
        long now = count();
        if (now - total != Patterns.UNIX_DGRAM_COUNT) {
            throw new IOException("the " + server + " receiver counted " + (now - total) + " of " + Patterns.UNIX_DGRAM_COUNT);
        }
        total = now;
        return now;
    }

    private long count() throws IOException {
        long id = ++seq;
        query.clear();
        query.putLong(0, id);
        sender.send(query);
        reply.clear();
        int n = sender.recv(reply);
        if (n != Patterns.COUNT_REPLY || reply.getLong(0) != id) {
            throw new IOException("unexpected answer from the " + server + " receiver (" + n + " bytes)");
        }
        return reply.getLong(8);
    }

    /** Closes the sender (its socket file goes with it) and stops the receiver. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        sender.close();
        Files.deleteIfExists(dir.resolve("c.sock"));
        Files.deleteIfExists(dir);
        process.close();
    }
}
