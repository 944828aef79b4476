package org.sockets.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count() - 1; // the listing's own descriptor
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
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
            throw new AssertionFailedError("open file descriptors: " + before + " before, " + now + " after: something leaked a socket or file", before, now);
        }
    }
}
