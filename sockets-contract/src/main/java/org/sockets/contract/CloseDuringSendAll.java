package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;

/**
 * A mixin of {@link StreamContract}: a close from another thread during a blocked
 * {@code sendAll} ends it with the documented {@link AsynchronousCloseException} (issue #10,
 * bug 6: once in 21 runs it was {@code EndpointClosedException}), repeated, with the peer reading
 * slowly so that the call returns partial writes between waits, which is where a close can fall
 * between two writes. A stream transport's test class implements it beside the nested mixins of
 * {@link StreamContract} (it is a file of its own to keep that one readable).
 */
public interface CloseDuringSendAll {

    /** How many times the race is run per kind of thread. */
    int ROUNDS = 40;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    default void aCloseDuringABlockedSendAllIsAnAsynchronousClose(ThreadKind kind) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            EndpointPair p = ((StreamContract) this).openPair();
            Endpoint writer = p.first();
            Endpoint reader = p.second();
            try {
                AtomicLong received = new AtomicLong();
                Thread drain = Thread.ofVirtual().start(() -> {
                    ByteBuffer b = ByteBuffer.allocate(8 * 1024);
                    try {
                        for (int i = 0; i < 100_000; i++) {
                            b.clear();
                            int n = reader.recv(b);
                            if (n == 0) {
                                return;
                            }
                            received.addAndGet(n);
                            Thread.sleep(0, 200_000);
                        }
                    } catch (Exception done) {
                        // the writer closed
                    }
                });
                Task<Void> sent = Task.start(kind, "sendAll", () -> {
                    writer.sendAll(ByteBuffer.allocate(64 << 20));
                    return null;
                });
                awaitIn(sent.thread(), "sendAll", writer);
                // A frame of sendAll may still be before the call's open check, where a close is
                // rightly "closed" (EndpointClosedException); bytes at the reader prove the call is
                // past it, so the close below always falls inside the call.
                awaitBytes(received, round);
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 30));
                writer.close();
                try {
                    sent.result().get(30, TimeUnit.SECONDS);
                    fail("round " + round + ": sendAll of 64 MiB to a slow reader finished");
                } catch (ExecutionException e) {
                    assertInstanceOf(AsynchronousCloseException.class, e.getCause(), "round " + round + ": " + e.getCause());
                }
                reader.close();
                drain.join(Duration.ofSeconds(30));
            } finally {
                p.close();
            }
        }
    }

    /** Waits until the reader has had at least one byte of the {@code sendAll}. */
    private static void awaitBytes(AtomicLong received, int round) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.get() == 0) {
            if (System.nanoTime() > end) {
                fail("round " + round + ": the reader had no byte of sendAll within 10 s");
            }
            Thread.sleep(1);
        }
    }

    /** Waits until {@code t} has a frame of the endpoint's {@code op}: in it, not yet blocked, so the close falls anywhere. */
    private static void awaitIn(Thread t, String op, Endpoint e) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().equals(e.getClass().getName()) && f.getMethodName().equals(op)) {
                    return;
                }
            }
            Thread.sleep(1);
        }
        fail(t + " never entered " + op + ": " + List.of(t.getStackTrace()));
    }
}
