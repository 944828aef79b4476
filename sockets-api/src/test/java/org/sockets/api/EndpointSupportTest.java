package org.sockets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sockets.api.spi.EndpointSupport;

/** The messages every transport shares through {@link EndpointSupport}, word for word. */
class EndpointSupportTest {

    private enum State { OPEN, BOUND, LISTENING, CONNECTED, CLOSED }

    @Test
    void aTimeoutMustBePositive() {
        Duration d = Duration.ofMillis(5);
        assertSame(d, EndpointSupport.checkTimeout(d));
        var zero = assertThrows(IllegalArgumentException.class, () -> EndpointSupport.checkTimeout(Duration.ZERO));
        assertEquals("timeout must be positive, not PT0S; use blocking() to wait without limit", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EndpointSupport.checkTimeout(Duration.ofSeconds(-1)));
        var npe = assertThrows(NullPointerException.class, () -> EndpointSupport.checkTimeout(null));
        assertEquals("timeout", npe.getMessage());
    }

    @Test
    void stateMessages() {
        assertEquals("recv: E is closed", EndpointSupport.closed("recv", "E").getMessage());
        assertEquals("connect: E is listening; connect needs it new (not bound) or bound",
                EndpointSupport.wrongState("connect", "E", State.LISTENING, State.OPEN, State.BOUND).getMessage());
        assertEquals("new (not bound)", EndpointSupport.describe(State.OPEN));
        assertEquals("connected", EndpointSupport.describe(State.CONNECTED));
    }

    @Test
    void closeQuietlySwallowsTheFailureAndTakesNull() {
        int[] closes = {0};
        Closeable failing = () -> {
            closes[0]++;
            throw new IOException("gone");
        };
        EndpointSupport.closeQuietly(failing);
        EndpointSupport.closeQuietly(null);
        assertEquals(1, closes[0]);
    }
}
