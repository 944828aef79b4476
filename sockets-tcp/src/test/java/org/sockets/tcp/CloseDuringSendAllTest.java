package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Endpoint;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A close from another thread during a blocked {@code sendAll} ends it with the documented
 * {@link AsynchronousCloseException} (issue #10, bug 6: once in 21 runs it was
 * {@code EndpointClosedException}), repeated, with the peer reading slowly so that the call
 * returns partial writes between waits, which is where a close can fall between two writes.
 */
@ExtendWith(NoDescriptorLeaks.class)
class CloseDuringSendAllTest {

    private static final int ROUNDS = 40;

    private static Endpoint[] pair() throws java.io.IOException {
        Loopback.Pair lp = Loopback.pair();
        lp.listener().close();
        return new Endpoint[] {lp.client(), lp.server()};
    }

    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void aCloseDuringABlockedSendAllIsAnAsynchronousClose(boolean virtual) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Endpoint[] p = pair();
            Endpoint writer = p[0];
            Endpoint reader = p[1];
            try {
                Thread drain = Thread.ofVirtual().start(() -> {
                    ByteBuffer b = ByteBuffer.allocate(8 * 1024);
                    try {
                        for (int i = 0; i < 100_000; i++) {
                            b.clear();
                            if (reader.recv(b) == 0) {
                                return;
                            }
                            Thread.sleep(0, 200_000);
                        }
                    } catch (Exception done) {
                        // the writer closed
                    }
                });
                CompletableFuture<Void> sent = new CompletableFuture<>();
                Runnable body = () -> {
                    try {
                        writer.sendAll(ByteBuffer.allocate(64 << 20));
                        sent.complete(null);
                    } catch (Throwable t) {
                        sent.completeExceptionally(t);
                    }
                };
                Thread t = virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().daemon().start(body);
                awaitIn(t, "sendAll", writer);
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 30));
                writer.close();
                try {
                    sent.get(30, TimeUnit.SECONDS);
                    fail("round " + round + ": sendAll of 64 MiB to a slow reader finished");
                } catch (ExecutionException e) {
                    assertInstanceOf(AsynchronousCloseException.class, e.getCause(), "round " + round + ": " + e.getCause());
                }
                reader.close();
                drain.join(Duration.ofSeconds(30));
            } finally {
                writer.close();
                reader.close();
            }
        }
    }

    /** Waits until {@code t} has a frame of the endpoint's {@code op}. */
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
