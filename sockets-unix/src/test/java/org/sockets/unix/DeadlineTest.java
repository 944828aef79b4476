package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.EndpointPair;
import org.sockets.api.SocketType;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Per-call deadlines on Unix message sockets' recvFrom (DGRAM and SEQPACKET), and
 * {@link Deadline#none()} outlasting the endpoint's timeout there. recv, send and sendAll with
 * deadlines, on every type, are in the contract suite (Unix*ContractTest).
 */
@ExtendWith(NoDescriptorLeaks.class)
class DeadlineTest {

    private static final Duration D = Duration.ofMillis(400);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @BeforeAll
    static void startThePollers() throws Exception {
        // Process-wide epoll descriptors (ours, the JDK's for virtual threads) open on first use
        // and stay: not a per-test leak. A virtual thread's timed wait starts them.
        try (Pair p = pair(SocketType.STREAM)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    p.a().recv(ByteBuffer.allocate(1), Deadline.after(Duration.ofMillis(20)));
                } catch (IOException expected) {
                    // timed out
                }
            });
            t.join();
        }
    }

    /** Two connected endpoints; closing closes both (and whatever made them). */
    private interface Pair extends AutoCloseable {
        Endpoint a();

        Endpoint b();

        @Override
        void close();
    }

    private static Pair pair(SocketType type) throws IOException {
        EndpointPair ep = UnixEndpoint.pair(type);
        return new Pair() {
            @Override
            public Endpoint a() {
                return ep.first();
            }

            @Override
            public Endpoint b() {
                return ep.second();
            }

            @Override
            public void close() {
                ep.close();
            }
        };
    }

    /**
     * How late a timed-out call may return on a loaded 2-CPU machine (CI runs the modules' tests
     * side by side): a 50 ms timeout was seen to return after 116 ms.
     */
    private static final Duration SCHEDULING_SLACK = Duration.ofMillis(250);

    /**
     * Runs a call that must time out after at least {@code d} (never early) and at most
     * {@code 2 × d + 250 ms}: still far below what the bugs it guards against take (a deadline
     * ignored, or an endpoint timeout dropped, blocks until the test's 30 s limit).
     */
    private static SocketTimeoutException timesOutWithin(Duration d, Executable call) {
        long t0 = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(d) >= 0, "gave up after " + took.toMillis() + " ms, before its deadline of " + d.toMillis() + " ms");
        Duration bound = d.multipliedBy(2).plus(SCHEDULING_SLACK);
        assertTrue(took.compareTo(bound) <= 0, "gave up after " + took.toMillis() + " ms for a deadline of " + d.toMillis() + " ms (bound " + bound.toMillis() + " ms)");
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SocketType.class, names = {"DGRAM", "SEQPACKET"})
    void messageTypesHonourDeadlines(SocketType type) throws Exception {
        try (Pair p = pair(type)) {
            ByteBuffer buf = ByteBuffer.allocate(16);
            timesOutWithin(D, () -> p.a().recv(buf, Deadline.after(D)));
            timesOutWithin(D, () -> p.a().recvFrom(buf, Deadline.after(D)));
            p.a().timeout(Duration.ofMillis(50));
            Thread late = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                    p.b().sendAll(ByteBuffer.wrap(new byte[] {3, 4}), Deadline.after(WITHIN));
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            assertEquals(2, p.a().recvFrom(buf, Deadline.none()).length());
            late.join();
        }
    }
}
