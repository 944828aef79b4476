package org.sockets.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * Counts this process's open file descriptors (/proc/self/fd), so a test can show that every
 * socket it opened was closed on every path.
 *
 * {@snippet :
 * int before = Fds.count();
 * ... // open and close endpoints
 * Fds.assertBackTo(before);
 * }
 */
public final class Fds {

    private Fds() {
    }

    /**
     * The number of open descriptors now.
     *
     * @return the count
     */
    public static int count() {
        if (!WarmUp.DONE) {
            throw new IllegalStateException("descriptor warm-up was interrupted");
        }
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count() - 1; // the listing's own descriptor
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    /**
     * Every open descriptor and what it points at ({@code socket:[inode]}, a path, a pipe...).
     *
     * @return one entry per descriptor, as {@code "12 -> socket:[4711]"}
     */
    public static List<String> describe() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.map(p -> {
                try {
                    return p.getFileName() + " -> " + Files.readSymbolicLink(p);
                } catch (IOException e) {
                    return p.getFileName() + " -> (gone)";
                }
            }).sorted().toList();
        } catch (IOException e) {
            return List.of("cannot list /proc/self/fd: " + e);
        }
    }

    /**
     * Asserts the count returns to {@code before}, allowing up to two seconds for descriptors that
     * other threads (a peer thread, a virtual thread finishing) are still closing.
     *
     * @param before the count taken before the test's work
     */
    public static void assertBackTo(int before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int now = count();
        while (now > before && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = count();
        }
        if (now != before) {
            throw new AssertionFailedError("open file descriptors: " + before + " before, " + now
                    + " after: something leaked a socket or file; open now: " + describe(), before, now);
        }
    }

    /**
     * Makes the JDK open, once, the descriptors it keeps for the whole process: the virtual-thread
     * pollers' epoll instances and the spare socket it dup2s over a descriptor being closed while
     * in use. Measured on JDK 25: one loopback exchange between two virtual threads opens all of
     * them (four epoll instances and one socket), and twenty more exchanges open none.
     */
    private static final class WarmUp {
        // The work lives in Fds, not here: lambdas declared in a class being initialized would
        // wait for that initialization from the other threads, a deadlock until the joins time out.
        static final boolean DONE = warmUp();
    }

    private static boolean warmUp() {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread accepting = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = server.accept()) {
                    c.write(ByteBuffer.wrap(new byte[] {1}));
                    c.read(ByteBuffer.allocate(1));
                } catch (IOException ignored) {
                    // the warm-up only needs the attempt
                }
            });
            Thread connecting = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                    c.read(ByteBuffer.allocate(1));
                } catch (IOException ignored) {
                    // the warm-up only needs the attempt
                }
            });
            accepting.join(Duration.ofSeconds(5));
            connecting.join(Duration.ofSeconds(5));
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("descriptor warm-up failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
