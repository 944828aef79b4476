package org.sockets.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sockets.bench.driver.ServerProcess;

/**
 * The sides of one TLS trial. Alone ({@code versus=none}): the side under test, as in every run
 * before 2026-12-07. Paired ({@code versus=jdk}): the side under test <em>and</em> its baseline,
 * each with its own server process (and its own connection, for bulk and ping-pong), alternating
 * one iteration each in the order A B B A A B B A …, warm-up included
 * (docs/decisions/2026-12-07-bench-tls-paired-trials.md).
 *
 * <p>Why: a trial's figure depends on things that last the whole trial — where the scheduler put
 * the processes, what the client JVM's JIT made of the code, what else ran on the machine that
 * minute. Between two trials run one after the other they differ, so the ratio of two trials
 * scatters; inside one trial the two sides share them. The A B B A order cancels a linear drift
 * (a JIT still improving the client) within every four iterations. The report
 * ({@code report_tls.py}) gives each measured iteration to its side by the same order
 * ({@link #sideOf}), from the warm-up count JMH records.
 */
final class TlsSides implements AutoCloseable {

    /** One side: the client implementation, its server process, and its connection (null for handshakes). */
    record Side(String client, ServerProcess process, TlsConn conn) {
    }

    private final List<Side> sides;
    private int iteration;
    private Side current;

    private TlsSides(List<Side> sides) {
        this.sides = sides;
        this.current = sides.getFirst();
    }

    /**
     * Starts the trial's sides.
     *
     * @param role    {@code server} or {@code client}
     * @param impl    the side under test
     * @param versus  {@code none}, or the baseline run in the same trial ({@code jdk})
     * @param pattern the server's pattern ({@code tls-bulk}, {@code tls-pingpong}, {@code tls-handshake})
     * @param setup   the key and CA
     * @param connect whether each side holds one connection for the whole trial (bulk, ping-pong)
     * @return the sides, the first one current
     * @throws IOException if a server does not start or a connection fails (all started ones are stopped)
     */
    static TlsSides start(String role, String impl, String versus, String pattern, TlsSetup setup, boolean connect)
            throws IOException {
        List<String> impls = versus.equals("none") ? List.of(impl) : List.of(impl, versus);
        if (impls.size() == 2 && impl.equals(versus)) {
            throw new IllegalArgumentException("a trial pairs two different sides, not " + impl + " with itself");
        }
        List<Side> sides = new ArrayList<>();
        try {
            for (String i : impls) {
                ServerProcess process = TlsClients.startServer(role, i, pattern);
                String client = TlsClients.clientImpl(role, i);
                TlsConn conn = null;
                try {
                    if (connect) {
                        conn = TlsClients.connect(client, setup.clientContext(), process.port());
                    }
                } catch (IOException | RuntimeException e) {
                    process.close();
                    throw e;
                }
                sides.add(new Side(client, process, conn));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(sides);
            throw e;
        }
        return new TlsSides(sides);
    }

    /**
     * Which side runs iteration {@code i} (0-based, warm-up included): 0, the one under test, or
     * 1, the baseline — A B B A A B B A …
     *
     * @param i the iteration
     * @return 0 or 1
     */
    static int sideOf(int i) {
        return ((i + 1) >> 1) & 1;
    }

    /** Moves to the next iteration's side (called before each iteration, warm-up included). */
    void next() {
        current = sides.get(sides.size() == 1 ? 0 : sideOf(iteration++));
    }

    /**
     * The side of the running iteration.
     *
     * @return the side
     */
    Side current() {
        return current;
    }

    /** Closes every connection and stops every server; never throws. */
    @Override
    public void close() {
        closeAll(sides);
    }

    private static void closeAll(List<Side> sides) {
        for (Side s : sides) {
            try {
                if (s.conn() != null) {
                    s.conn().close();
                }
            } catch (IOException | RuntimeException ignored) {
                // the server is stopped next either way
            }
            s.process().close();
        }
    }
}
