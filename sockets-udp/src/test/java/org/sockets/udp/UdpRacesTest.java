package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.sockets.udp.Udp.bound;

import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.testkit.NoDescriptorLeaks;

/** Races between a call in progress and close, a mode switch or an interrupt, found in review. */
@ExtendWith(NoDescriptorLeaks.class)
class UdpRacesTest {

    private interface Call {
        Object run() throws Exception;
    }

    private static CompletableFuture<Object> inThread(Call call) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(call.run());
            } catch (Throwable e) {
                f.complete(e);
            }
        });
        return f;
    }

    /** An interrupt before a timed receive, as before a blocking one, closes the endpoint. */
    @Test
    void anInterruptBeforeATimedReceiveClosesTheEndpoint() throws Exception {
        Endpoint a = bound(Family.INET); // timed
        try {
            var outcome = inThread(() -> {
                Thread.currentThread().interrupt();
                return a.recvFrom(64);
            });
            assertInstanceOf(ClosedByInterruptException.class, outcome.get(5, TimeUnit.SECONDS));
            assertFalse(a.isOpen(), "the interrupt closes the endpoint");
        } finally {
            a.close();
        }
    }
}
