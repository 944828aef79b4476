package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The suite's forwarding base, which the TLS tests' one-byte endpoint and the protocol kit's
 * failing endpoint extend: deadline calls reach the wrapped endpoint with the same deadline,
 * set-up calls return the wrapper (so a chain stays wrapped), and sendAll goes through the
 * wrapper's own send (so a subclass that changes send changes sendAll too).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ForwardingEndpointTest {

    /** Mockito's first mock opens its agent jar and the random devices for good: not a leak of ours. */
    @BeforeAll
    static void oncePerProcess() throws IOException {
        mock(Endpoint.class).recv(ByteBuffer.allocate(1), Deadline.none());
    }

    private static final class Wrapper extends ForwardingEndpoint {
        Wrapper(Endpoint in) {
            super(in);
        }
    }

    @Test
    void deadlineCallsReachTheWrappedEndpointWithTheSameDeadline() throws IOException {
        Endpoint in = mock(Endpoint.class);
        ByteBuffer buf = ByteBuffer.allocate(4);
        Deadline d = Deadline.after(Duration.ofSeconds(5));
        when(in.recv(buf, d)).thenReturn(3);
        when(in.send(buf, d)).thenReturn(2);
        Wrapper w = new Wrapper(in);
        assertEquals(3, w.recv(buf, d));
        assertEquals(2, w.send(buf, d));
        verify(in).recv(buf, d);
        verify(in).send(buf, d);
    }

    @Test
    void setUpCallsReturnTheWrapperNotTheWrappedEndpoint() throws IOException {
        Endpoint in = mock(Endpoint.class);
        Wrapper w = new Wrapper(in);
        Address a = Address.of("127.0.0.1", 0);
        assertSame(w, w.bind(a));
        assertSame(w, w.connect(a));
        assertSame(w, w.listen(1));
        verify(in).bind(a);
        verify(in).connect(a);
        verify(in).listen(1);
    }

    @Test
    void sendAllIsBuiltOnTheWrappersOwnSend() throws IOException {
        Endpoint in = mock(Endpoint.class);
        ByteBuffer buf = ByteBuffer.allocate(3);
        Deadline d = Deadline.none();
        // Each send moves one byte, as a one-byte-per-call carrier does.
        when(in.send(buf, d)).thenAnswer(call -> {
            buf.position(buf.position() + 1);
            return 1;
        });
        new Wrapper(in).sendAll(buf, d);
        assertEquals(0, buf.remaining());
        verify(in, times(3)).send(buf, d);
    }
}
