package org.sockets.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sockets.bench.scale.ScaleRun;
import org.sockets.testkit.Fds;

/**
 * The bounded version of the 10,000-connection scale run, for the test suite: 1,000 connections
 * from a child JVM to a virtual-thread-per-connection server in this one. It checks behaviour
 * (every connection up at once, every request answered, nothing leaked), never a timing.
 */
class ScaleTest {

    @Test
    @Timeout(60)
    void aThousandConnectionsFromAnotherProcessAreHeldAnsweredAndReleased() throws Exception {
        // A small round first: it loads the classes (their jars stay open) and starts the JDK's
        // virtual-thread pollers (their epoll descriptors live as long as the JVM), neither of
        // which is a leak.
        ScaleRun.run(10, 10, Duration.ofSeconds(10));
        int before = Fds.count();

        // Every phase inside is bounded by the 20 s given here; the child is killed on any exit.
        ScaleRun.Result r = ScaleRun.run(1_000, 128, Duration.ofSeconds(20));

        assertEquals(1_000, r.connections());
        assertTrue(r.fdsOpen() >= before + 1_000,
                "the server held " + r.fdsOpen() + " descriptors with all open; " + before + " before, so not all 1,000 were open at once");
        assertTrue(r.heapOpen() > 0 && r.heapOpen() < r.maxHeap(), "heap after GC " + r.heapOpen() + " of " + r.maxHeap());
        // The listener, the 1,000 connections, the child's pipes: all closed again.
        Fds.assertBackTo(before);
    }
}
