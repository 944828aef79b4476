package org.sockets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * {@link Endpoint#sendAll(ByteBuffer, Deadline)}'s default bounds the whole call: a passed
 * deadline still allows one attempt, so a carrier that keeps taking a byte at a time would
 * otherwise never time out.
 */
@ExtendWith(NoDescriptorLeaks.class)
class SendAllDeadlineTest {

    /** A stream endpoint that takes one byte per send, a few milliseconds apart, and always has room. */
    private static final class OneBytePerSend implements Endpoint {
        private final long pauseMillis;
        long taken;
        boolean open = true;

        OneBytePerSend(long pauseMillis) {
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int send(ByteBuffer src, Deadline deadline) throws IOException {
            return send(src);
        }

        @Override
        public int send(ByteBuffer src) throws IOException {
            if (!src.hasRemaining()) {
                return 0;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("send interrupted");
            }
            src.get();
            taken++;
            return 1;
        }

        @Override
        public int recv(ByteBuffer dst) {
            throw new UnsupportedOperationException("not used by this test");
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
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Endpoint listen(int backlog) {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Endpoint accept() {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Endpoint connect(Address remote) {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public void shutdown(Shutdown how) {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Address localAddress() {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Address peerAddress() {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public <T> Endpoint option(SocketOption<T> option, T value) {
            throw new UnsupportedOperationException("not used by this test");
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
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public Endpoint blocking() {
            return this;
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public String toString() {
            return "one byte per send";
        }
    }

    @Test
    void aCarrierThatKeepsMakingProgressStillTimesOut() {
        // 2,000 bytes at ≥ 5 ms each: ≥ 10 s without the check, about 100 ms with it.
        OneBytePerSend e = new OneBytePerSend(5);
        ByteBuffer src = ByteBuffer.allocate(2_000);
        Duration bound = Duration.ofMillis(100);
        long t0 = System.nanoTime();
        SocketTimeoutException x = assertThrows(SocketTimeoutException.class, () -> e.sendAll(src, Deadline.after(bound)));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertEquals("sendAll on one byte per send timed out after 100 ms", x.getMessage());
        assertTrue(took.compareTo(bound) >= 0, "gave up after " + took.toMillis() + " ms, before the deadline");
        assertTrue(src.hasRemaining(), "sent everything: the deadline was never checked between sends");
        assertEquals(e.taken, src.position(), "the position tells exactly how much was sent");
        assertTrue(e.taken >= 1, "one attempt at least");
    }

    @Test
    void aDeadlinePassedBeforeTheLastByteIsNotATimeoutOnceNothingRemains() throws IOException {
        // A passed deadline still allows one attempt; when that attempt sends the rest, sendAll succeeds.
        OneBytePerSend e = new OneBytePerSend(0);
        ByteBuffer src = ByteBuffer.allocate(1);
        e.sendAll(src, Deadline.after(Duration.ZERO));
        assertFalse(src.hasRemaining());
        assertEquals(1, e.taken);
    }

    @Test
    void withoutADeadlineEveryByteIsSent() throws IOException {
        OneBytePerSend e = new OneBytePerSend(0);
        ByteBuffer src = ByteBuffer.allocate(500);
        e.sendAll(src, Deadline.none());
        assertFalse(src.hasRemaining());
        assertEquals(500, e.taken);
    }
}
