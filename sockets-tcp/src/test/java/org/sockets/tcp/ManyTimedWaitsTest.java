package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.internal.ReadinessWait;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Proves timed waits cost no descriptors of their own: thousands of connections each with a
 * thread in a timed recv hold their sockets and the one shared selector (two descriptors), not a
 * selector each. With a selector per waiter this test needed 2 more descriptors per waiting
 * connection (measured: 6,000 for {@value #PAIRS}); a server with 10,000 such connections ran out
 * of a 20,000-descriptor limit.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ManyTimedWaitsTest {

    /** Connected pairs: 6,000 sockets, well inside this machine's 20,000-descriptor limit. */
    private static final int PAIRS = 3_000;
    /** The shared selector: an epoll instance and an eventfd. */
    private static final int SHARED_SELECTOR = 2;

    @Test
    void thousandsOfTimedRecvsCostOnlyTheirSockets() throws Exception {
        int before = Fds.count();
        List<Endpoint> clients = new ArrayList<>();
        List<Endpoint> servers = new ArrayList<>();
        List<Loopback.Task<Object>> readers = new ArrayList<>();
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(128);
            for (int i = 0; i < PAIRS; i++) {
                Endpoint c = Sockets.open(Family.INET, SocketType.STREAM);
                clients.add(c);
                c.connect(listener.localAddress());
                servers.add(listener.accept());
                c.timeout(Duration.ofSeconds(60));
            }
            int connected = Fds.count();
            assertEquals(before + 2 * PAIRS + 1, connected, "the sockets and the listener");

            for (int i = 0; i < PAIRS; i++) {
                Endpoint c = clients.get(i);
                readers.add(Loopback.start(true, "timed-recv-" + i, () -> c.recv(8)));
            }
            awaitAllWaiting(readers);
            int waiting = Fds.count();
            System.out.printf("%d connected pairs: %d descriptors before, %d connected, %d with a timed recv waiting on each client%n",
                    PAIRS, before, connected, waiting);
            assertTrue(waiting - connected <= SHARED_SELECTOR, () -> (waiting - connected) + " more descriptors for "
                    + PAIRS + " timed waits; expected at most the shared selector's " + SHARED_SELECTOR);

            // Every waiter is alive: even ones get a byte, odd ones are closed under their wait.
            for (int i = 0; i < PAIRS; i++) {
                if (i % 2 == 0) {
                    servers.get(i).sendAll(new byte[] {(byte) i});
                } else {
                    clients.get(i).close();
                }
            }
            for (int i = 0; i < PAIRS; i++) {
                if (i % 2 == 0) {
                    assertArrayEquals(new byte[] {(byte) i}, (byte[]) readers.get(i).get(Duration.ofSeconds(30)));
                } else {
                    Throwable t = readers.get(i).failure(Duration.ofSeconds(30));
                    assertEquals(AsynchronousCloseException.class, t.getClass(), () -> ConcurrencyTest.stack(t));
                }
            }
        } finally {
            clients.forEach(Endpoint::close);
            servers.forEach(Endpoint::close);
        }
        // The sockets, and the shared selector with the last of them.
        Fds.assertBackTo(before);
    }

    /** Waits (bounded) until every reader is parked in a timed wait. */
    private static void awaitAllWaiting(List<Loopback.Task<Object>> readers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Loopback.Task<Object> r : readers) {
            while (!parkedInAwait(r.thread())) {
                assertTrue(System.nanoTime() < deadline, () -> r.thread() + " did not wait; stack: " + List.of(r.thread().getStackTrace()));
                Thread.sleep(10);
            }
        }
    }

    private static boolean parkedInAwait(Thread t) {
        if (t.getState() != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getClassName().equals(ReadinessWait.class.getName()) && f.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }
}
