package org.sockets.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * The scale run's clients, in their own process (one process cannot hold both ends of 10,000
 * connections under the 20,000-descriptor limit): {@code ScaleClient PORT N INFLIGHT}.
 *
 * <ol>
 * <li>opens N connections to 127.0.0.1:PORT from virtual threads, at most INFLIGHT connects at
 *     once (paced: the listen backlog holds 4,096, and an overflowing one costs 1 s SYN retries),
 *     then prints {@code CONNECTED n millis};</li>
 * <li>once all are up, sends one request on every connection and reads its reply, then prints
 *     {@code REPLIED n millis};</li>
 * <li>waits for a line on standard input (or its end), closes everything, prints {@code CLOSED}.</li>
 * </ol>
 * Every wait is bounded (60 s per phase); a failure prints {@code FAILED reason} and exits 1.
 */
public final class ScaleClient {

    private ScaleClient() {
    }

    /**
     * Runs the clients.
     *
     * @param args PORT N INFLIGHT
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int inflight = Integer.parseInt(args[2]);
        Address server = Address.of("127.0.0.1", port);
        List<Endpoint> conns = Collections.synchronizedList(new ArrayList<>(n));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Semaphore connecting = new Semaphore(inflight);
        CountDownLatch connected = new CountDownLatch(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!connecting.tryAcquire(60, TimeUnit.SECONDS)) {
                fail("connects stalled after " + (n - connected.getCount()) + " connections");
            }
            Thread.ofVirtual().start(() -> {
                try {
                    Endpoint e = Sockets.open(Family.INET, SocketType.STREAM);
                    conns.add(e);
                    e.connect(server);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    connecting.release();
                    connected.countDown();
                }
            });
        }
        if (!connected.await(60, TimeUnit.SECONDS) || failure.get() != null) {
            fail("connect: " + failure.get() + ", " + connected.getCount() + " left");
        }
        long established = System.nanoTime() - t0;
        System.out.println("CONNECTED " + conns.size() + " " + TimeUnit.NANOSECONDS.toMillis(established));

        long t1 = System.nanoTime();
        CountDownLatch repliedLatch = new CountDownLatch(n);
        AtomicInteger good = new AtomicInteger();
        for (Endpoint e : conns) {
            Thread.ofVirtual().start(() -> {
                try {
                    ByteBuffer req = ByteBuffer.allocate(ScaleServer.REQUEST_SIZE).putLong(0, System.identityHashCode(e));
                    e.sendAll(req.duplicate());
                    ByteBuffer rep = ByteBuffer.allocate(ScaleServer.REQUEST_SIZE);
                    while (rep.hasRemaining()) {
                        if (e.recv(rep) == 0) {
                            throw new IOException("server closed before replying");
                        }
                    }
                    if (rep.flip().equals(req.rewind())) {
                        good.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    repliedLatch.countDown();
                }
            });
        }
        if (!repliedLatch.await(60, TimeUnit.SECONDS) || failure.get() != null || good.get() != n) {
            fail("request/reply: " + failure.get() + ", " + good.get() + " good of " + n);
        }
        System.out.println("REPLIED " + good.get() + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine(); // the orchestrator has measured the server; a null (EOF) means it went away
        for (Endpoint e : conns) {
            e.close();
        }
        System.out.println("CLOSED " + conns.size());
    }

    private static void fail(String why) {
        System.out.println("FAILED " + why);
        System.exit(1);
    }
}
