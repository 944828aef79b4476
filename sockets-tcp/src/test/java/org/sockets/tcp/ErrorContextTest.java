package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Endpoint;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * I/O errors name the operation and the endpoint, as the Endpoint javadoc promises, in the
 * JDK's own types (issue #10, bug 6): a close or an interrupt during a call keeps its exact JDK
 * class and says what it ended in its cause; a 1 ns timeout is worded "1 ns", not "0 s".
 */
@ExtendWith(NoDescriptorLeaks.class)
class ErrorContextTest {

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

    /** The exception a call on another thread ended with, once {@code action} has run while it was blocked. */
    private static Throwable endedBy(boolean virtual, Endpoint e, Callable call, Action action) throws Exception {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Runnable body = () -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        };
        Thread t = virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().daemon().start(body);
        awaitBlockedIn(t, e);
        action.run(t);
        try {
            Object v = f.get(30, TimeUnit.SECONDS);
            return fail("the call returned " + v);
        } catch (ExecutionException x) {
            return x.getCause();
        }
    }

    interface Callable {
        Object call() throws Exception;
    }

    interface Action {
        void run(Thread blocked) throws Exception;
    }

    private static void awaitBlockedIn(Thread t, Endpoint e) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        StackTraceElement lastTop = null;
        while (System.nanoTime() < end) {
            StackTraceElement[] stack = t.getStackTrace();
            boolean in = false;
            for (StackTraceElement f : stack) {
                in |= f.getClassName().equals(e.getClass().getName());
            }
            if (in && stack.length > 0 && stack[0].equals(lastTop)) {
                return;
            }
            lastTop = in && stack.length > 0 ? stack[0] : null;
            Thread.sleep(50);
        }
        fail(t + " did not block; stack: " + List.of(t.getStackTrace()));
    }

    /** The exact JDK class, and a cause naming the operation and the endpoint. */
    private static void assertContext(Class<?> type, Throwable t, String op, Endpoint e) {
        assertEquals(type, t.getClass(), "the JDK's own type: " + t);
        assertNotNull(t.getCause(), "no context: " + t);
        String m = t.getCause().getMessage();
        assertTrue(m.startsWith(op + " on " + e.toString().replace(" (closed)", "")), m);
    }

    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void aCloseDuringRecvSaysWhichCallItEnded(boolean virtual) throws Exception {
        try (Pair p = pair()) {
            String shown = p.a().toString();
            Throwable t = endedBy(virtual, p.a(), () -> p.a().recv(ByteBuffer.allocate(8)), blocked -> p.a().close());
            assertContext(AsynchronousCloseException.class, t, "recv", p.a());
            assertTrue(t.getCause().getMessage().contains(shown), t.getCause().getMessage() + " / " + shown);
        }
    }

    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {false, true})
    void anInterruptDuringRecvSaysWhichCallItEnded(boolean virtual) throws Exception {
        try (Pair p = pair()) {
            String shown = p.a().toString();
            Throwable t = endedBy(virtual, p.a(), () -> p.a().recv(ByteBuffer.allocate(8)), Thread::interrupt);
            assertContext(ClosedByInterruptException.class, t, "recv", p.a());
            assertTrue(t.getCause().getMessage().contains(shown), t.getCause().getMessage() + " / " + shown);
        }
    }

    @Test
    void aOneNanosecondTimeoutIsWordedInNanoseconds() throws Exception {
        try (Pair p = pair()) {
            p.a().timeout(Duration.ofNanos(1));
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> p.a().recv(ByteBuffer.allocate(8)));
            assertTrue(e.getMessage().endsWith("timed out after 1 ns"), e.getMessage());
            p.a().timeout(Duration.ofMillis(1500));
            e = assertThrows(SocketTimeoutException.class, () -> p.a().recv(ByteBuffer.allocate(8)));
            assertTrue(e.getMessage().endsWith("timed out after 1.5 s"), e.getMessage());
        }
    }

    @Test
    void aBadRangeForSendAllNamesItsValues() throws Exception {
        try (Pair p = pair()) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> p.a().sendAll(new byte[4], 5, 10));
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().contains("5") && e.getMessage().contains("10") && e.getMessage().contains("4"), e.getMessage());
        }
    }

    @Test
    void connectionResetAndBrokenPipeNameTheEndpoint() throws Exception {
        try (Pair p = pair()) {
            String shown = p.a().toString();
            // SO_LINGER 0: the close sends a reset, so the next recv fails with "Connection reset".
            p.b().option(org.sockets.api.Options.SO_LINGER, 0);
            p.b().close();
            IOException reset = assertThrows(IOException.class, () -> p.a().recv(ByteBuffer.allocate(8)));
            assertTrue(reset.getMessage().contains("Connection reset") && reset.getMessage().contains("recv on " + shown), reset.getMessage());
            IOException pipe = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 1_000; i++) {
                    p.a().send(ByteBuffer.allocate(1024));
                }
            });
            assertTrue(pipe.getMessage().contains("send on " + shown), pipe.getMessage());
        }
    }
}
