package org.sockets.unix;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * The program that {@link ChildJvmTest} runs in a JVM of its own, where the test controls the
 * flags (native access, the virtual-thread scheduler, JFR) and the user. Prints one result line.
 */
public final class ChildMain {

    private ChildMain() {
    }

    /**
     * Runs a mode.
     *
     * @param args the mode, then its arguments
     * @throws Exception on failure (the test sees the output and exit code)
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "open" -> open();
            case "connect" -> connect(Path.of(args[1]));
            case "starve" -> starve(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void open() {
        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            System.out.println("OPENED " + e);
        } catch (Throwable t) {
            System.out.println("FAILED " + t.getClass().getName() + ": " + t.getMessage());
        }
    }

    private static void connect(Path p) {
        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            e.timeout(Duration.ofSeconds(30)).connect(Address.unix(p));
            System.out.println("CONNECTED");
        } catch (Throwable t) {
            System.out.println("FAILED " + t.getClass().getName() + ": " + t.getMessage());
        }
    }

    /**
     * More virtual threads blocked in recv (no timeout) than carriers, while another pair of
     * virtual threads ping-pongs: it must finish, and closing wakes every blocked receiver.
     */
    private static void starve(int blocked) throws Exception {
        List<EndpointPair> pairs = new ArrayList<>();
        CountDownLatch woke = new CountDownLatch(blocked);
        AtomicInteger asyncClosed = new AtomicInteger();
        List<Thread> receivers = new ArrayList<>();
        for (int i = 0; i < blocked; i++) {
            EndpointPair p = UnixEndpoint.pair(SocketType.STREAM);
            pairs.add(p);
            receivers.add(Thread.ofVirtual().start(() -> {
                try {
                    p.first().recv(16); // no timeout: blocks until close
                } catch (AsynchronousCloseException e) {
                    asyncClosed.incrementAndGet();
                } catch (IOException e) {
                    System.out.println("UNEXPECTED " + e);
                } finally {
                    woke.countDown();
                }
            }));
        }
        Thread.sleep(500); // let them all block
        int rounds = 2000;
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try (EndpointPair pp = UnixEndpoint.pair(SocketType.SEQPACKET)) {
            Thread echo = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        pp.second().sendAll(pp.second().recv(8));
                    }
                } catch (IOException e) {
                    System.out.println("UNEXPECTED " + e);
                }
            });
            Thread pinger = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        pp.first().sendAll(new byte[] {(byte) i});
                        pp.first().recv(8);
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    System.out.println("UNEXPECTED " + e);
                }
            });
            pinger.join(Duration.ofSeconds(60));
            echo.join(Duration.ofSeconds(10));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int stillBlocked = (int) receivers.stream().filter(Thread::isAlive).count();
        for (EndpointPair p : pairs) {
            p.close();
        }
        boolean allWoke = woke.await(30, TimeUnit.SECONDS);
        System.out.println("PROGRESS " + done.get() + "/" + rounds + " in " + ms + " ms; blocked while it ran: " + stillBlocked
                + "; woke on close: " + allWoke + ", AsynchronousCloseException: " + asyncClosed.get()
                + "; parallelism " + System.getProperty("jdk.virtualThreadScheduler.parallelism"));
    }
}
