package org.sockets.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;

/**
 * A stream endpoint in memory for reader tests: recv hands out the scripted chunks one per call
 * (a chunk larger than the buffer is handed out over several calls), then end of stream; what the
 * client sends is recorded. A {@link Source} may generate bytes instead (the counting source).
 */
final class MemoryEndpoint implements Endpoint {

    /** Generates bytes on demand. */
    interface Source {
        /** Puts bytes into dst; -1 at end. */
        int produce(ByteBuffer dst);
    }

    /** A long run of bytes: a prefix, then a pattern repeated, counting what was taken. */
    static final class Counting implements Source {
        private final long total;
        private final byte[] pattern;
        private final byte[] prefix;
        long taken;

        Counting(byte[] prefix, byte[] pattern, long total) {
            this.prefix = prefix;
            this.pattern = pattern;
            this.total = total;
        }

        @Override
        public int produce(ByteBuffer dst) {
            if (taken >= total) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), total - taken);
            for (int i = 0; i < n; i++) {
                long at = taken + i;
                dst.put(at < prefix.length ? prefix[(int) at] : pattern[(int) ((at - prefix.length) % pattern.length)]);
            }
            taken += n;
            return n;
        }
    }

    private final Deque<ByteBuffer> chunks = new ArrayDeque<>();
    private final Source source;
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private boolean open = true;
    int recvCalls;

    MemoryEndpoint(List<byte[]> script) {
        script.forEach(c -> chunks.add(ByteBuffer.wrap(c)));
        this.source = null;
    }

    MemoryEndpoint(Source source) {
        this.source = source;
    }

    static MemoryEndpoint of(byte[]... chunks) {
        return new MemoryEndpoint(List.of(chunks));
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        if (!open) {
            throw new IOException("closed");
        }
        recvCalls++;
        if (source != null) {
            int n = source.produce(dst);
            return n < 0 ? 0 : n;
        }
        ByteBuffer c = chunks.peek();
        if (c == null) {
            return 0;
        }
        int n = Math.min(c.remaining(), dst.remaining());
        dst.put(dst.position(), c, c.position(), n);
        dst.position(dst.position() + n);
        c.position(c.position() + n);
        if (!c.hasRemaining()) {
            chunks.poll();
        }
        return n;
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, Deadline.none());
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        if (!open) {
            throw new IOException("closed");
        }
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        sent.write(b, 0, n);
        return n;
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, Deadline.none());
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
        throw new UnsupportedOperationException();
    }

    @Override
    public Endpoint listen(int backlog) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Endpoint accept() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Endpoint connect(Address remote) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown(Shutdown how) {
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
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public Endpoint timeout(Duration timeout) {
        throw new AssertionError("the protocol core must never change an endpoint's timeout");
    }

    @Override
    public Endpoint blocking() {
        throw new AssertionError("the protocol core must never change an endpoint's timeout");
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
}
