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
 * Full TLS handshakes per second, resumption off: each operation makes a fresh client context
 * (an empty session cache: no pre-shared key offered), connects, completes the handshake, reads
 * the one byte the server sends once its side is done, and closes. The server is sequential, as
 * the tutorial's. Score: handshakes (connections) per second.
 *
 * <p>{@code role=server}: the server under test is {@code impl} ({@code jdk}: an
 * {@code SSLServerSocket}; {@code sockets}: {@code Tls.listen} over sockets-tcp; {@code python}:
 * Python's {@code ssl}; {@code engine}: a JDK {@code SSLEngine} over a JDK channel, driven as
 * the JDK's guide does, a reference), the client is the JDK's {@code SSLSocket} for all of them.
 * {@code role=client}: the client under test is {@code impl} ({@code jdk} or {@code sockets}:
 * {@code Tls.client} over sockets-tcp), the server is the JDK's {@code SSLServerSocket} for both.
 * TLS 1.3, {@value Patterns#TLS_SUITE}, one EC P-256 key ({@link TlsSetup}).
 *
 * <p>Warm-up: 60 one-second iterations, then 5 measured, alone ({@code bin/bench} gives paired
 * trials their own shape). A handshake runs a great deal of code (EC arithmetic, certificate
 * checks, the handshake state machines) a few hundred times a second at most, and the JIT is slow
 * to compile it all: pinned to one CPU, a trial's rate climbed from 6 to ~450 handshakes/s over its
 * first 50 s. With 3 s of warm-up (until 2026-12-06) the rows compared interpreted code, and with
 * 30 s they still climbed within the measured iterations (docs/decisions/2026-12-06-bench-tls.md).
 * Code run once per handshake reached C2 only after some 90 s of a paired trial, so every JVM of
 * a handshake trial runs with the thresholds cut to a tenth ({@link Patterns#TLS_HANDSHAKE_JIT};
 * docs/decisions/2026-12-07-bench-tls-jit-thresholds.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 60, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.net.preferIPv4Stack=true", Patterns.TLS_HANDSHAKE_JIT})
@Threads(1)
public class TlsHandshakeBenchmark {

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
    private final byte[] one = new byte[1];

    /**
     * Starts the server.
     *
     * @throws IOException if it fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        setup = TlsClients.setup();
        sides = TlsSides.start(role, impl, versus, "tls-handshake", setup, false);
    }

    /** Gives the next iteration to its side (A B B A … when paired; {@link TlsSides}). */
    @Setup(Level.Iteration)
    public void next() {
        sides.next();
    }

    /**
     * One connection with a full handshake.
     *
     * @return the server's byte
     * @throws IOException on an I/O error or a handshake failure
     */
    @Benchmark
    public byte handshake() throws IOException {
        return TlsClients.handshake(sides.current().client(), setup, sides.current().process().port(), one);
    }

    /** Stops the servers. */
    @TearDown(Level.Trial)
    public void stop() {
        sides.close();
    }
}
