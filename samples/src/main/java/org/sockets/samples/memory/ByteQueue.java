package org.sockets.samples.memory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sockets.api.Deadline;

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

    /**
     * Writes at least one byte, waiting for space until the deadline; waiting for the lock
     * counts against it too.
     */
    int write(ByteBuffer src, Deadline deadline, Supplier<String> what) throws IOException {
        lock(deadline, what);
        try {
            while (size == ring.length && !readerGone && !writerDone) {
                await(writable, deadline, what);
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

    /** Reads at least one byte, or returns 0 at end of stream, waiting until the deadline. */
    int read(ByteBuffer dst, Deadline deadline, Supplier<String> what) throws IOException {
        lock(deadline, what);
        try {
            while (size == 0 && !writerDone && !readerGone) {
                await(readable, deadline, what);
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

    private void lock(Deadline deadline, Supplier<String> what) throws IOException {
        try {
            if (!deadline.isBounded()) {
                lock.lockInterruptibly();
            } else if (!lock.tryLock(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw deadline.timedOut(what.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what.get() + " interrupted");
        }
    }

    /** One wait on a condition, the lock held; throws once the deadline has passed. */
    private static void await(Condition c, Deadline deadline, Supplier<String> what) throws IOException {
        try {
            if (!deadline.isBounded()) {
                c.await();
                return;
            }
            long left = deadline.remainingNanos();
            if (left <= 0) {
                throw deadline.timedOut(what.get());
            }
            c.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what.get() + " interrupted");
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

}
