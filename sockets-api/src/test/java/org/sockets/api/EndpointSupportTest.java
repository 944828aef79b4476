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
    void withContextNamesTheCallAndKeepsTheExactType() {
        String what = "recv on E";
        IOException reset = EndpointSupport.withContext(new java.net.SocketException("Connection reset"), what);
        assertEquals(java.net.SocketException.class, reset.getClass());
        assertEquals("Connection reset: recv on E", reset.getMessage());
        IOException pipe = EndpointSupport.withContext(new IOException("Broken pipe"), "send on E");
        assertEquals(IOException.class, pipe.getClass());
        assertEquals("Broken pipe: send on E", pipe.getMessage());
        IOException closed = EndpointSupport.withContext(new java.nio.channels.AsynchronousCloseException(), what);
        assertEquals(java.nio.channels.AsynchronousCloseException.class, closed.getClass());
        assertEquals("recv on E: closed by another thread during the call", closed.getCause().getMessage());
        assertSame(closed, EndpointSupport.withContext(closed, what), "named once");
        IOException interrupted = EndpointSupport.withContext(new java.nio.channels.ClosedByInterruptException(), what);
        assertEquals(java.nio.channels.ClosedByInterruptException.class, interrupted.getClass());
        assertEquals("recv on E: the thread was interrupted, which closed the endpoint", interrupted.getCause().getMessage());
        var timeout = new java.net.SocketTimeoutException("recv on E timed out after 1 s");
        assertSame(timeout, EndpointSupport.withContext(timeout, what));
        var typed = new java.net.ConnectException("Connection refused: 127.0.0.1:1");
        assertSame(typed, EndpointSupport.withContext(typed, "connect"), "subtypes keep the message their transport built");
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
