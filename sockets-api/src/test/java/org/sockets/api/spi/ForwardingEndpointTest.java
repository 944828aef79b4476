package org.sockets.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The forwarding base that the TLS endpoint, the protocol clients' wrappers and the test doubles
 * extend: deadline calls reach the wrapped endpoint with the same deadline, set-up calls return
 * the wrapper (so a chain stays wrapped), and sendAll goes through the wrapper's own send (so a
 * subclass that changes send changes sendAll too).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ForwardingEndpointTest {

    /** What the wrapped endpoint saw: each call with the objects it was given. */
    private record Call(String name, Object... args) {
        boolean is(String n, Object... a) {
            if (!name.equals(n) || args.length != a.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (args[i] != a[i] && !args[i].equals(a[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A stream endpoint that records its calls; each send takes one byte, each recv gives three. */
    private static final class Recorder implements Endpoint {
        final List<Call> calls = new ArrayList<>();

        private Endpoint seen(String name, Object... args) {
            calls.add(new Call(name, args));
            return this;
        }

        long count(String name, Object... args) {
            return calls.stream().filter(c -> c.is(name, args)).count();
        }

        @Override
        public int recv(ByteBuffer dst, Deadline deadline) {
            seen("recv", dst, deadline);
            return 3;
        }

        @Override
        public int recv(ByteBuffer dst) {
            seen("recv", dst);
            return 3;
        }

        @Override
        public int send(ByteBuffer src, Deadline deadline) {
            seen("send", src, deadline);
            src.position(src.position() + 1);
            return 1;
        }

        @Override
        public int send(ByteBuffer src) {
            seen("send", src);
            src.position(src.position() + 1);
            return 1;
        }

        @Override
        public void sendAll(ByteBuffer src, Deadline deadline) {
            seen("sendAll", src, deadline);
            src.position(src.limit());
        }

        @Override
        public Family family() {
            return Family.INET;
        }

        @Override
        public SocketType type() {
            return SocketType.STREAM;
        }

        @Override
        public Endpoint bind(Address local) {
            return seen("bind", local);
        }

        @Override
        public Endpoint listen(int backlog) {
            return seen("listen", backlog);
        }

        @Override
        public Endpoint accept() {
            return seen("accept");
        }

        @Override
        public Endpoint connect(Address remote) {
            return seen("connect", remote);
        }

        @Override
        public void shutdown(Shutdown how) {
            seen("shutdown", how);
        }

        @Override
        public Address localAddress() {
            return Address.of("127.0.0.1", 1);
        }

        @Override
        public Address peerAddress() {
            return Address.of("127.0.0.1", 2);
        }

        @Override
        public <T> Endpoint option(SocketOption<T> option, T value) {
            return seen("option", option, value);
        }

        @Override
        public <T> T option(SocketOption<T> option) {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return Set.of();
        }

        @Override
        public Endpoint timeout(Duration timeout) {
            return seen("timeout", timeout);
        }

        @Override
        public Endpoint blocking() {
            return seen("blocking");
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            seen("close");
        }

        @Override
        public String toString() {
            return "Recorder";
        }
    }

    private static final class Wrapper extends ForwardingEndpoint {
        Wrapper(Endpoint in) {
            super(in);
        }
    }

    @Test
    void deadlineCallsReachTheWrappedEndpointWithTheSameDeadline() throws IOException {
        Recorder in = new Recorder();
        ByteBuffer buf = ByteBuffer.allocate(4);
        Deadline d = Deadline.after(Duration.ofSeconds(5));
        Wrapper w = new Wrapper(in);
        assertEquals(3, w.recv(buf, d));
        assertEquals(1, w.send(buf, d));
        assertEquals(1, in.count("recv", buf, d));
        assertEquals(1, in.count("send", buf, d));
        assertEquals(2, in.calls.size(), in.calls::toString);
    }

    @Test
    void setUpCallsReturnTheWrapperNotTheWrappedEndpoint() throws IOException {
        Recorder in = new Recorder();
        Wrapper w = new Wrapper(in);
        Address a = Address.of("127.0.0.1", 0);
        Duration t = Duration.ofSeconds(3);
        assertSame(w, w.bind(a));
        assertSame(w, w.connect(a));
        assertSame(w, w.listen(1));
        assertSame(w, w.timeout(t));
        assertSame(w, w.blocking());
        assertEquals(1, in.count("bind", a));
        assertEquals(1, in.count("connect", a));
        assertEquals(1, in.count("listen", 1));
        assertEquals(1, in.count("timeout", t));
        assertEquals(1, in.count("blocking"));
    }

    @Test
    void sendAllIsBuiltOnTheWrappersOwnSend() throws IOException {
        Recorder in = new Recorder();
        ByteBuffer buf = ByteBuffer.allocate(3);
        Deadline d = Deadline.none();
        // Each send moves one byte, as a one-byte-per-call carrier does.
        new Wrapper(in).sendAll(buf, d);
        assertEquals(0, buf.remaining());
        assertEquals(3, in.count("send", buf, d));
        assertEquals(0, in.count("sendAll", buf, d));
    }

    @Test
    void theOtherCallsAreForwardedAndToStringNamesTheWrappedEndpoint() throws IOException {
        Recorder in = new Recorder();
        Wrapper w = new Wrapper(in);
        assertSame(in, w.accept());
        w.shutdown(Shutdown.WRITE);
        w.close();
        assertEquals(1, in.count("shutdown", Shutdown.WRITE));
        assertEquals(1, in.count("close"));
        assertEquals(Address.of("127.0.0.1", 2), w.peerAddress());
        assertEquals("Wrapper[Recorder]", w.toString());
    }
}
