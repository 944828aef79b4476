package org.sockets.samples.memory;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sockets.api.Deadline;

/**
 * One direction of an in-memory connection: a bounded ring of bytes with end of stream. A thread
 * waiting in it wakes when bytes or room arrive, when either end shuts the direction down or
 * closes ({@link #wakeAll()}), or when its deadline passes; {@link MemoryEndpoint} tells a wake by
 * its own close or an interrupt from the others.
 */
final class ByteQueue {

    /** Why a wait ended without moving a byte: the caller's endpoint decides what to throw. */
    static final class Woken extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean interrupted;

        Woken(boolean interrupted) {
            super(null, null, false, false);
            this.interrupted = interrupted;
        }
    }

    /** Whether the waiting endpoint is still open; checked on every wake. */
    interface Owner {
        boolean isOpen();
    }

    private final byte[] ring = new byte[64 * 1024];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int head;
    private int size;
    /** The writer shut down or closed: the reader sees end of stream after what is queued. */
    private boolean writerDone;
    /** The reader shut down: it reads end of stream, and what is written is dropped, as Linux does. */
    private boolean readerDone;
    /** The reader closed: writes fail. */
    private boolean readerGone;

    /**
     * Writes at least one byte of a non-empty {@code src}, waiting for room until {@code deadline}.
     *
     * @return the count, or -1 if {@code deadline} passed first
     */
    int write(ByteBuffer src, Deadline deadline, Owner writer, String what) throws IOException, Woken {
        enter();
        try {
            while (size == ring.length && !readerGone && !readerDone && !writerDone) {
                if (deadline.hasPassed()) {
                    return -1;
                }
                await(deadline, writer);
            }
            if (!writer.isOpen()) {
                throw new Woken(false);
            }
            if (writerDone) {
                throw new SocketException(what + ": the connection is shut down for writing (shutdown(WRITE))");
            }
            if (readerGone) {
                throw new SocketException(what + ": Broken pipe: the peer closed the in-memory connection");
            }
            int n = src.remaining();
            if (readerDone) {
                src.position(src.limit());
                return n;
            }
            n = Math.min(n, ring.length - size);
            for (int i = 0; i < n; i++) {
                ring[(head + size + i) % ring.length] = src.get();
            }
            size += n;
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads at least one byte, or 0 at end of stream, waiting until {@code deadline}.
     *
     * @return the count, or -1 if {@code deadline} passed first
     */
    int read(ByteBuffer dst, Deadline deadline, Owner reader) throws Woken {
        enter();
        try {
            while (size == 0 && !writerDone && !readerDone && reader.isOpen()) {
                if (deadline.hasPassed()) {
                    return -1;
                }
                await(deadline, reader);
            }
            if (!reader.isOpen()) {
                throw new Woken(false);
            }
            if (readerDone) {
                return 0;
            }
            int n = Math.min(dst.remaining(), size);
            for (int i = 0; i < n; i++) {
                dst.put(ring[(head + i) % ring.length]);
            }
            head = (head + n) % ring.length;
            size -= n;
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void enter() throws Woken {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw new Woken(true);
        }
    }

    private void await(Deadline deadline, Owner owner) throws Woken {
        if (!owner.isOpen()) {
            throw new Woken(false);
        }
        try {
            if (deadline.isBounded()) {
                changed.awaitNanos(deadline.remainingNanos());
            } else {
                changed.await();
            }
        } catch (InterruptedException e) {
            throw new Woken(true);
        }
    }

    /** The writer shut down or closed. */
    void closeWriter() {
        update(() -> writerDone = true);
    }

    /** The reader shut down: it reads end of stream from now on. */
    void shutdownReader() {
        update(() -> {
            readerDone = true;
            size = 0;
        });
    }

    /** The reader closed: writes fail. */
    void closeReader() {
        update(() -> readerGone = true);
    }

    /** Wakes every waiter, to look again at its endpoint (closed by another thread). */
    void wakeAll() {
        update(() -> { });
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
