package org.sockets.unix.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One open, non-blocking descriptor registered with the {@link Poller}, its use count, and the
 * threads waiting for it to become ready.
 *
 * <p>The descriptor number is used only between {@link #acquire()} and {@link #release()}.
 * {@link #close()} marks the handle closed and wakes the waiters; the {@code close(2)} itself
 * happens when the last user releases it. Since every call on the descriptor is non-blocking,
 * that is microseconds later, and no thread can ever pass a number the kernel has already
 * handed to another open file (the descriptor-reuse race).
 */
final class FdHandle {

    /** Bit 0: closed. Bits 1..: the number of calls using the descriptor, in steps of 2. */
    private final AtomicLong state = new AtomicLong();
    private final Poller poller;
    final int fd;
    final long id;

    private volatile int readSeq;
    private volatile int writeSeq;
    private volatile Thread readWaiter;
    private volatile Thread writeWaiter;
    /** The directions armed in epoll now (EPOLLIN|EPOLLRDHUP, EPOLLOUT); guarded by this. */
    private int armed;
    /** Scratch for arming from a waiting thread; guarded by this. */
    private final java.lang.foreign.MemorySegment armEvent;
    private final java.lang.foreign.MemorySegment armSt;

    private FdHandle(Poller poller, int fd) {
        this.poller = poller;
        this.fd = fd;
        this.id = poller.nextId();
        java.lang.foreign.Arena a = java.lang.foreign.Arena.ofAuto();
        this.armEvent = a.allocate(Native.EPOLL_EVENT_SIZE, 8);
        this.armSt = Native.captureSegment(a);
    }

    private static final int READ_BITS = Native.EPOLLIN | Native.EPOLLRDHUP;
    private static final int WRITE_BITS = Native.EPOLLOUT;

    /** Arms epoll for a direction; the caller holds a use. */
    private synchronized void arm(boolean read) throws IOException {
        int bits = read ? READ_BITS : WRITE_BITS;
        if ((armed & bits) == bits) {
            return;
        }
        int want = armed | bits;
        poller.arm(this, want, armEvent, armSt);
        armed = want;
    }

    /**
     * Takes ownership of a fresh non-blocking descriptor; closes it if registration fails.
     *
     * @param fd the descriptor
     * @return the handle
     * @throws IOException if the poller cannot take it
     */
    static FdHandle of(int fd) throws IOException {
        Poller p;
        try {
            p = Poller.get();
        } catch (IOException | RuntimeException e) {
            Native.closeQuietly(fd);
            throw e;
        }
        FdHandle h = new FdHandle(p, fd);
        try {
            p.register(h);
        } catch (IOException | RuntimeException e) {
            Native.closeQuietly(fd);
            throw e;
        }
        return h;
    }

    /**
     * Starts a use of the descriptor.
     *
     * @return {@code false} if it is closed
     */
    boolean acquire() {
        while (true) {
            long s = state.get();
            if ((s & 1) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 2)) {
                return true;
            }
        }
    }

    /** Ends a use; the last use after {@link #close()} closes the descriptor. */
    void release() {
        if (state.addAndGet(-2) == 1) {
            destroy();
        }
    }

    boolean isOpen() {
        return (state.get() & 1) == 0;
    }

    /**
     * Marks the handle closed and wakes waiters; closes the descriptor now if no call uses it.
     *
     * @return {@code true} if this call closed it (the first)
     */
    boolean close() {
        while (true) {
            long s = state.get();
            if ((s & 1) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s | 1)) {
                wake(readWaiter);
                wake(writeWaiter);
                if (s == 0) {
                    destroy();
                }
                return true;
            }
        }
    }

    private void destroy() {
        poller.deregister(this);
        Native.closeQuietly(fd);
    }

    /**
     * Called by the poller with the epoll event bits: the one-shot registration is now disarmed.
     * Wakes the waiters the event concerns and re-arms for a waiter it does not (a reader and a
     * writer may wait at once, and one event may serve only one of them).
     */
    void ready(int events, java.lang.foreign.MemorySegment scratch, java.lang.foreign.MemorySegment st) {
        // First record that the kernel disarmed the registration, then wake: a waiter that arms
        // after this sees it must arm again; one that skipped arming because the record was stale
        // is parked with the old sequence number and is woken just below.
        synchronized (this) {
            armed = 0;
        }
        boolean errors = (events & (Native.EPOLLERR | Native.EPOLLHUP)) != 0;
        boolean readFired = errors || (events & READ_BITS) != 0;
        boolean writeFired = errors || (events & WRITE_BITS) != 0;
        if (readFired) {
            readSeq++;
            wake(readWaiter);
        }
        if (writeFired) {
            writeSeq++;
            wake(writeWaiter);
        }
        synchronized (this) {
            int again = (!readFired && readWaiter != null ? READ_BITS : 0) | (!writeFired && writeWaiter != null ? WRITE_BITS : 0);
            int want = armed | again;
            if (want != armed && acquire()) {
                try {
                    poller.arm(this, want, scratch, st);
                    armed = want;
                } catch (IOException e) {
                    // The waiter still wakes at its deadline or on close; nothing else to do here.
                } finally {
                    release();
                }
            }
        }
    }

    private static void wake(Thread t) {
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The sequence number to read before an attempt that may fail with EAGAIN.
     *
     * @param read which direction
     * @return the number to pass to {@link #await}
     */
    int seq(boolean read) {
        return read ? readSeq : writeSeq;
    }

    /**
     * Parks until the direction may be ready (an event since {@code seq}), the handle is closed,
     * the deadline passes, or {@code maxParkNanos} passes (for conditions epoll does not report,
     * such as a full listen backlog). Returns normally when the caller should retry.
     *
     * @param read         which direction
     * @param seq          the sequence number read before the failed attempt
     * @param deadline     a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE} for none
     * @param maxParkNanos the longest single park, or 0 for no limit
     * @param what         the operation and endpoint, for messages
     * @param timeout      the timeout, for messages (null when none)
     * @param onInterrupt  closes the endpoint when the thread is interrupted
     * @throws AsynchronousCloseException if the handle was closed
     * @throws ClosedByInterruptException if interrupted (after closing)
     * @throws SocketTimeoutException if the deadline passed
     */
    void await(boolean read, int seq, long deadline, long maxParkNanos, java.util.function.Supplier<String> what, Duration timeout, Runnable onInterrupt)
            throws IOException {
        Thread me = Thread.currentThread();
        if (read) {
            readWaiter = me;
        } else {
            writeWaiter = me;
        }
        try {
            arm(read);
            if (seq(read) == seq && isOpen() && !me.isInterrupted()) {
                long park = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (maxParkNanos > 0) {
                    park = Math.min(park, maxParkNanos);
                }
                if (park == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else if (park > 0) {
                    LockSupport.parkNanos(this, park);
                }
            }
        } finally {
            if (read) {
                readWaiter = null;
            } else {
                writeWaiter = null;
            }
        }
        if (!isOpen()) {
            throw new AsynchronousCloseException();
        }
        if (me.isInterrupted()) {
            onInterrupt.run();
            throw new ClosedByInterruptException();
        }
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
            throw timedOut(what.get(), timeout);
        }
    }

    static SocketTimeoutException timedOut(String what, Duration timeout) {
        return new SocketTimeoutException(what + " timed out after "
                + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
    }
}
