package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Received;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Per-call deadlines on UDP's unconnected calls: recvFrom bounded by a deadline, {@link Deadline#none()}
 * outlasting the endpoint's timeout, sendTo with a deadline. Deadlines on connected endpoints are in
 * the contract suite (UdpContractTest).
 */
@ExtendWith(NoDescriptorLeaks.class)
class DeadlineTest {

    private static final Duration D = Duration.ofMillis(400);
    private static final Duration WITHIN = Duration.ofSeconds(30);

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

    private static <T> CompletableFuture<T> start(boolean virtual, String name, Callable<T> body, List<Thread> started) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                f.complete(body.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        };
        Thread t = virtual ? Thread.ofVirtual().name(name).unstarted(r) : Thread.ofPlatform().name(name).daemon().unstarted(r);
        started.add(t);
        t.start();
        return f;
    }


    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void aDeadlineBoundsARecvFromAndNoDeadlineOutlastsATimeout(boolean virtual) throws Exception {
        try (Endpoint a = Udp.bound(Family.INET).blocking(); Endpoint b = Udp.bound(Family.INET).blocking()) {
            CompletableFuture<Void> f = start(virtual, "recvFrom", () -> {
                ByteBuffer buf = ByteBuffer.allocate(16);
                SocketTimeoutException e = timesOutWithin(D, () -> a.recvFrom(buf, Deadline.after(D)));
                assertTrue(e.getMessage().contains("recvFrom") && e.getMessage().contains("400 ms"), e.getMessage());
                a.timeout(Duration.ofMillis(50));
                Thread late = Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(200);
                        b.sendTo(ByteBuffer.wrap(new byte[] {9, 9}), a.localAddress(), Deadline.after(WITHIN));
                    } catch (Exception ex) {
                        throw new RuntimeException(ex);
                    }
                });
                Received r = a.recvFrom(buf, Deadline.none());
                late.join();
                assertEquals(2, r.length());
                assertEquals(b.localAddress(), r.sender());
                timesOutWithin(Duration.ofMillis(50), () -> a.recvFrom(ByteBuffer.allocate(4)));
                return null;
            }, new java.util.ArrayList<>());
            f.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
    }

}
