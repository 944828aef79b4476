package org.sockets.bench;

import java.io.IOException;
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

/**
 * TLS bulk throughput, 64 KiB writes: the side under test sends {@link Patterns#TLS_BULK_BYTES}
 * per operation (the server in the server role, the client in the client role; on loopback the
 * sender encrypts and runs the TCP path, the receiver decrypts). Score: milliseconds per
 * 128 MiB (the report turns it into MiB/s).
 *
 * <p>{@code role=server}: the server under test is {@code impl} ({@code jdk}: an
 * {@code SSLServerSocket}; {@code sockets}: {@code Tls.listen} over sockets-tcp; {@code python}:
 * Python's {@code ssl}; {@code engine}: a JDK {@code SSLEngine} over a JDK channel, driven as
 * the JDK's guide does, a reference), the client is the JDK's {@code SSLSocket} for all of them.
 * {@code role=client}: the client under test is {@code impl} ({@code jdk} or {@code sockets}:
 * {@code Tls.client} over sockets-tcp), the server is the JDK's {@code SSLServerSocket} for both.
 * TLS 1.3, {@value Patterns#TLS_SUITE}, one EC P-256 key ({@link TlsSetup}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.net.preferIPv4Stack=true"})
@Threads(1)
public class TlsBulkBenchmark {

    /** Which side is under test: {@code server} or {@code client}. */
    @Param({"server", "client"})
    public String role;

    /**
     * The implementation under test: {@code jdk}, {@code sockets}, or (server role only) the
     * references {@code python} and {@code engine}.
     */
    @Param({"jdk", "sockets", "python", "engine"})
    public String impl;

    /**
     * {@code none}: {@code impl} alone in the trial. {@code jdk}: the JDK's side too, in the same
     * trial, the two alternating one iteration each (A B B A …, warm-up included; {@link TlsSides}),
     * so that the report takes their ratio within the trial.
     */
    @Param({"none"})
    public String versus;

    private TlsSides sides;
    private TlsSetup setup;
    private final byte[] chunk = new byte[Patterns.BULK_CHUNK];
    private final byte[] request = new byte[1];

    /**
     * Starts the server and connects.
     *
     * @throws IOException if it fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        setup = TlsClients.setup();
        sides = TlsSides.start(role, impl, versus, "tls-bulk", setup, true);
    }

    /** Gives the next iteration to its side (A B B A … when paired; {@link TlsSides}). */
    @Setup(Level.Iteration)
    public void next() {
        sides.next();
    }

    /**
     * Moves 128 MiB: the server sends it (server role) or the client does (client role).
     *
     * @return a byte moved, so the work cannot be optimised away
     * @throws IOException on an I/O error or an early close
     */
    @Benchmark
    public byte transfer() throws IOException {
        return role.equals("server") ? TlsClients.receiveBulk(sides.current().conn(), request, chunk)
                : TlsClients.sendBulk(sides.current().conn(), request, chunk);
    }

    /** Closes the connections and stops the servers. */
    @TearDown(Level.Trial)
    public void stop() {
        sides.close();
    }
}
