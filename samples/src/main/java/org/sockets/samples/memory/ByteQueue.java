package org.sockets.samples.memory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** One direction of an in-memory connection: a bounded ring of bytes with end-of-stream. */
final class ByteQueue {

    private final byte[] ring = new byte[64 * 1024];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private int head;
    private int size;
    private boolean writerDone;
    private boolean readerGone;

    /** Writes at least one byte, waiting for space; {@code timeoutNanos} 0 waits forever. */
    int write(ByteBuffer src, long timeoutNanos) throws IOException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (size == ring.length && !readerGone && !writerDone) {
                left = await(writable, timeoutNanos, left, "send");
            }
            if (readerGone || writerDone) {
                throw new IOException("Broken pipe: the in-memory connection is closed");
            }
            int n = Math.min(src.remaining(), ring.length - size);
            for (int i = 0; i < n; i++) {
                ring[(head + size + i) % ring.length] = src.get();
            }
            size += n;
            readable.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Reads at least one byte, or returns 0 at end of stream. */
    int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (size == 0 && !writerDone && !readerGone) {
                left = await(readable, timeoutNanos, left, "recv");
            }
            if (readerGone) {
                throw new IOException("the in-memory endpoint is closed");
            }
            int n = Math.min(dst.remaining(), size);
            for (int i = 0; i < n; i++) {
                dst.put(ring[(head + i) % ring.length]);
            }
            head = (head + n) % ring.length;
            size -= n;
            writable.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    private static long await(Condition c, long timeout, long left, String op) throws IOException {
        try {
            if (timeout == 0) {
                c.await();
                return 0;
            }
            if (left <= 0) {
                throw new SocketTimeoutException(op + " timed out on an in-memory endpoint");
            }
            return c.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(op + " interrupted");
        }
    }

    /** The writer is done: the reader sees end of stream after what is queued. */
    void closeWriter() {
        lock.lock();
        try {
            writerDone = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reader is gone: writes fail, blocked reads wake. */
    void closeReader() {
        lock.lock();
        try {
            readerGone = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static long nanos(java.time.Duration d) {
        return d == null ? 0 : Math.max(1, d.toNanos());
    }

}
