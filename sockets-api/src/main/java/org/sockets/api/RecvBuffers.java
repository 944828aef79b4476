package org.sockets.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bounded, reused buffers behind {@link Endpoint#recv(int)} and {@link Endpoint#recvFrom(int)},
 * so that a call costs what it receives, not what {@code max} allows (issue #10; see
 * docs/decisions/2026-12-06-recv-max.md).
 *
 * <p>CPython allocates {@code max} bytes and shrinks the result, which is cheap there only because
 * a large {@code malloc} is an untouched mapping; a Java array is zeroed on allocation, so
 * {@code new byte[max]} per call made {@code recv(16 MiB)} cost milliseconds and
 * {@code recv(Integer.MAX_VALUE)} throw {@code OutOfMemoryError}. Here a call reads into a pooled
 * direct buffer of at most {@link #CAP} bytes and returns a copy of exactly the bytes received.
 */
final class RecvBuffers {

    /** Up to this {@code max}, a call allocates {@code max} bytes itself: as cheap, and no shared state. */
    static final int SMALL = 8192;

    /**
     * The pooled buffers' size: the most one {@code recv(max)} takes from a stream, and more than
     * any UDP payload (65,507 bytes over IPv4, 65,527 over IPv6; Linux sends no UDP jumbograms).
     * A datagram is cut by the kernel at the buffer's size, and {@code min(max, CAP)} cuts an IP
     * datagram exactly where a buffer of {@code max} would, with the same real length reported.
     */
    static final int CAP = 65_536;

    private static final int SLOTS = 16;
    private static final AtomicReferenceArray<ByteBuffer> POOL = new AtomicReferenceArray<>(SLOTS);
    /** How many direct buffers were made: at most {@link #SLOTS}, so each always finds a slot back. */
    private static final AtomicInteger MADE = new AtomicInteger();

    private RecvBuffers() {
    }

    /**
     * Whether a buffer of {@code min(max, CAP)} gives the same result as one of {@code max} on
     * this endpoint: streams (a recv returns what is there, up to the space), and IP datagrams
     * (never longer than the cap). Other message types (Unix datagrams can be hundreds of KiB,
     * an unknown transport's anything) keep a buffer of {@code max}; their transport may override.
     */
    private static boolean bounded(Endpoint e) {
        return e.type() == SocketType.STREAM
                || (e.type() == SocketType.DGRAM && (e.family() == Family.INET || e.family() == Family.INET6));
    }

    /** {@link Endpoint#recv(int)}'s body. */
    static byte[] recv(Endpoint e, int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("recv: max must be at least 1, not " + max);
        }
        if (max <= SMALL || !bounded(e)) {
            byte[] buf = new byte[max];
            int n = e.recv(ByteBuffer.wrap(buf));
            return n == max ? buf : Arrays.copyOf(buf, n);
        }
        ByteBuffer b = take(max);
        try {
            int n = e.recv(b);
            byte[] out = new byte[n];
            b.get(0, out);
            return out;
        } finally {
            give(b);
        }
    }

    /** {@link Endpoint#recvFrom(int)}'s body. */
    static Datagram recvFrom(Endpoint e, int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("recvFrom: max must be at least 1, not " + max);
        }
        if (max <= SMALL || !bounded(e)) {
            byte[] buf = new byte[max];
            Received r = e.recvFrom(ByteBuffer.wrap(buf));
            byte[] data = r.length() == max ? buf : Arrays.copyOf(buf, r.length());
            return new Datagram(data, r.sender(), r.originalLength());
        }
        ByteBuffer b = take(max);
        try {
            Received r = e.recvFrom(b);
            byte[] data = new byte[r.length()];
            b.get(0, data);
            return new Datagram(data, r.sender(), r.originalLength());
        } finally {
            give(b);
        }
    }

    /**
     * A buffer with {@code min(max, CAP)} bytes of space from position 0: a pooled direct one (a
     * transport reads into it without a copy through a temporary native buffer), or, when every
     * pooled buffer is in use (more concurrent receivers than slots, each holding its buffer while
     * it waits), a new heap one of that size, left to the collector.
     */
    private static ByteBuffer take(int max) {
        int limit = Math.min(max, CAP);
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            ByteBuffer b = POOL.get(slot);
            if (b != null && POOL.compareAndSet(slot, b, null)) {
                return b.clear().limit(limit);
            }
        }
        // The pool fills lazily; past SLOTS buffers, heap ones: direct memory stays at 1 MiB.
        return MADE.get() < SLOTS && MADE.getAndIncrement() < SLOTS
                ? ByteBuffer.allocateDirect(CAP).limit(limit)
                : ByteBuffer.allocate(limit);
    }

    /** Puts a direct buffer back in a free slot (there is one: no more were made); heap ones are dropped. */
    private static void give(ByteBuffer b) {
        if (!b.isDirect()) {
            return;
        }
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            if (POOL.compareAndSet((start + i) & (SLOTS - 1), null, b)) {
                return;
            }
        }
    }
}
