package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Per-call deadlines on TCP: a deadline replaces the endpoint's timeout for one call (in
 * both directions: it bounds an endpoint that has none, and {@link Deadline#none()} outlasts one
 * that has one), bounds the whole of sendAll, and counts the wait for another thread's turn.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DeadlineTest {

    private static final Duration D = Duration.ofMillis(400);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    /** Two connected endpoints; closing closes both (and whatever made them). */
    private interface Pair extends AutoCloseable {
        Endpoint a();

        Endpoint b();

        @Override
        void close();
    }

    private static Pair pair() throws IOException {
        Loopback.Pair lp = Loopback.pair();
        return new Pair() {
            @Override
            public Endpoint a() {
                return lp.client();
            }

            @Override
            public Endpoint b() {
                return lp.server();
            }

            @Override
            public void close() {
                lp.close();
            }
        };
    }

    /** Runs a call that must time out after at least {@code d} and at most twice that. */
    private static SocketTimeoutException timesOutWithin(Duration d, Executable call) {
        long t0 = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(d) >= 0, "gave up after " + took.toMillis() + " ms, before its deadline of " + d.toMillis() + " ms");
        assertTrue(took.compareTo(d.multipliedBy(2)) <= 0, "gave up after " + took.toMillis() + " ms for a deadline of " + d.toMillis() + " ms");
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

    /** Waits until {@code t} is inside a {@code recv} of the endpoint and stays at the same place on two looks. */
    private static void awaitBlockedInRecv(Thread t, Endpoint e) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        StackTraceElement lastTop = null;
        while (System.nanoTime() < end) {
            StackTraceElement[] stack = t.getStackTrace();
            boolean inRecv = false;
            for (StackTraceElement f : stack) {
                inRecv |= f.getClassName().equals(e.getClass().getName()) && f.getMethodName().startsWith("recv");
            }
            if (inRecv && stack.length > 0 && stack[0].equals(lastTop)) {
                return;
            }
            lastTop = inRecv && stack.length > 0 ? stack[0] : null;
            Thread.sleep(50);
        }
        fail(t + " did not block in recv; stack: " + List.of(t.getStackTrace()));
    }

    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void aDeadlineBoundsARecvOnAnEndpointWithoutTimeout(boolean virtual) throws Exception {
        try (Pair p = pair()) {
            assertTrue(p.a().timeout().isEmpty());
            CompletableFuture<Void> f = start(virtual, "deadline recv", () -> {
                ByteBuffer buf = ByteBuffer.allocate(16);
                SocketTimeoutException e = timesOutWithin(D, () -> p.a().recv(buf, Deadline.after(D)));
                assertTrue(e.getMessage().contains("recv") && e.getMessage().contains("timed out after 400 ms"), e.getMessage());
                // Still open, still without a timeout; data sent now arrives.
                assertTrue(p.a().isOpen());
                assertTrue(p.a().timeout().isEmpty());
                p.b().sendAll(new byte[] {7});
                assertEquals(1, p.a().recv(buf, Deadline.after(WITHIN)));
                assertEquals(7, buf.get(0));
                return null;
            }, new java.util.ArrayList<>());
            f.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void noDeadlineOutlastsTheEndpointsTimeout(boolean virtual) throws Exception {
        try (Pair p = pair()) {
            p.a().timeout(Duration.ofMillis(50));
            List<Thread> threads = new java.util.ArrayList<>();
            long t0 = System.nanoTime(); // the data is sent at least 200 ms after this
            CompletableFuture<Void> sender = start(true, "late sender", () -> {
                Thread.sleep(200);
                p.b().sendAll(new byte[] {42});
                return null;
            }, threads);
            CompletableFuture<Long> f = start(virtual, "unbounded recv", () -> {
                ByteBuffer buf = ByteBuffer.allocate(16);
                assertEquals(1, p.a().recv(buf, Deadline.none()));
                assertEquals(42, buf.get(0));
                return System.nanoTime() - t0;
            }, threads);
            long took = f.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            sender.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertTrue(took >= Duration.ofMillis(200).toNanos(), "returned after " + took / 1_000_000 + " ms, before the data was sent");
            // The endpoint's own timeout still bounds the plain call.
            SocketTimeoutException e = timesOutWithin(Duration.ofMillis(50), () -> p.a().recv(ByteBuffer.allocate(4)));
            assertTrue(e.getMessage().contains("50 ms"), e.getMessage());
        }
    }

    @Test
    void aDeadlineBoundsTheWholeOfSendAll() throws Exception {
        try (Pair p = pair()) {
            // The peer keeps reading, slowly: every write makes progress, so only a deadline for
            // the whole call can stop a 64 MiB sendAll.
            CompletableFuture<Long> reader = start(true, "slow reader", () -> {
                long total = 0;
                ByteBuffer b = ByteBuffer.allocate(16 * 1024);
                for (int i = 0; i < 2_000; i++) {
                    b.clear();
                    int n = p.b().recv(b);
                    if (n == 0) {
                        break;
                    }
                    total += n;
                    Thread.sleep(50);
                }
                return total;
            }, new java.util.ArrayList<>());
            Duration d = Duration.ofSeconds(1);
            ByteBuffer big = ByteBuffer.allocate(64 << 20);
            assertTrue(p.a().timeout().isEmpty());
            SocketTimeoutException e = timesOutWithin(d, () -> p.a().sendAll(big, Deadline.after(d)));
            assertTrue(e.getMessage().contains("sendAll"), e.getMessage());
            assertTrue(big.position() < big.limit(), "sent it all: " + big);
            p.a().close();
            p.b().close();
            reader.handle((v, x) -> v).get(WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "holder on a virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void aDeadlineCountsTheWaitForAnotherReadersTurn(boolean virtual) throws Exception {
        try (Pair p = pair()) {
            List<Thread> threads = new java.util.ArrayList<>();
            // Another thread holds the read turn: a plain recv, no timeout, nothing to read yet.
            CompletableFuture<Integer> holder = start(virtual, "holder", () -> p.a().recv(ByteBuffer.allocate(16)), threads);
            awaitBlockedInRecv(threads.get(0), p.a());
            timesOutWithin(D, () -> p.a().recv(ByteBuffer.allocate(16), Deadline.after(D)));
            assertTrue(p.a().isOpen());
            p.b().sendAll(new byte[] {1, 2, 3});
            assertEquals(3, holder.get(WITHIN.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
