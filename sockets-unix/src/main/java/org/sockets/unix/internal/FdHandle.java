package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.sockets.api.Deadline;

/**
 * One open descriptor registered with the {@link Poller}, its use count, and the threads waiting
 * for it to become ready.
 *
 * <p>The descriptor number is used only between {@link #acquire()} and {@link #release()}.
 * {@link #close()} marks the handle closed and wakes the waiters; the {@code close(2)} itself
 * happens when the last user releases it, so no thread can ever pass a number the kernel has
 * already handed to another open file (the descriptor-reuse race).
 *
 * <p><b>Blocking in the kernel.</b> A connected or datagram socket that only this process holds
 * is put in blocking mode ({@link #blocking()}): a platform thread with no timeout then makes the
 * call itself block, one system call per message as the JDK's channels make, instead of a failed
 * attempt, a {@code poll(2)} and a second attempt. Every other call passes {@code MSG_DONTWAIT}.
 * {@link #close()} ends such a call with {@code shutdown(SHUT_RDWR)}, which for a socket nobody
 * else holds is what the close does to the peer anyway; an interrupt reaches it through
 * {@link InterruptHook}, which closes the endpoint as the JDK's channels do. A socket whose
 * descriptor is shared ({@link #share}, or adopted from another process) is never shut down by
 * our close and goes back to non-blocking mode. The blocking calls carry no kernel timeout: a
 * {@code SO_RCVTIMEO} slice (how interrupts were noticed until 2026-12-06) costs a kernel timer
 * armed and deleted per blocked call, 3–4% of a pinned ping-pong round trip
 * (docs/decisions/2026-12-06-unix-blocking-without-slices.md).
 */
final class FdHandle {

    /** Bit 0: closed. Bits 1..: the number of calls using the descriptor, in steps of 2. */
    private final AtomicLong state = new AtomicLong();
    private final Poller poller;
    final int fd;
    final long id;

    /**
     * An eventfd that {@link #close()} signals, created when a platform thread first waits on this
     * handle, -1 until then; closed with the descriptor. Written under this, only while a use is held.
     */
    private volatile int wakeFd = -1;

    /** Whether the descriptor is in blocking mode and only we hold it (see the class comment). */
    private volatile boolean blocking;
    /** False once the descriptor is duplicated for another holder, or if it came from one. */
    private volatile boolean exclusive;
    /** Calls inside (or about to enter) a blocking system call now; share() refuses while any is. */
    private final AtomicInteger inKernel = new AtomicInteger();

    /** The longest single poll(2) of a platform thread, so that an interrupt is seen (ms). */
    static final int POLL_SLICE_MS = Math.max(1, Integer.getInteger("org.sockets.unix.pollSliceMillis", 100));

    private volatile int readSeq;
    private volatile int writeSeq;
    private volatile Thread readWaiter;
    private volatile Thread writeWaiter;
    /** The directions armed in epoll now (EPOLLIN|EPOLLRDHUP, EPOLLOUT); guarded by this. */
    private int armed;
    /** Scratch for arming from a waiting thread; guarded by this. */
    private final MemorySegment armEvent;
    private final MemorySegment armSt;

    private FdHandle(Poller poller, int fd, boolean blocking, boolean exclusive) {
        this.poller = poller;
        this.fd = fd;
        this.blocking = blocking;
        this.exclusive = exclusive;
        this.id = poller.nextId();
        Arena a = Arena.ofAuto();
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
        return of(fd, false, true);
    }

    /**
     * Takes ownership of a fresh descriptor; closes it if registration fails.
     *
     * @param fd        the descriptor
     * @param blocking  whether it is in blocking mode (a socket only we hold)
     * @param exclusive whether only this process holds it (false for one received from another)
     * @return the handle
     * @throws IOException if the poller cannot take it
     */
    static FdHandle of(int fd, boolean blocking, boolean exclusive) throws IOException {
        Poller p;
        try {
            p = Poller.get();
        } catch (IOException | RuntimeException e) {
            Native.closeQuietly(fd);
            throw e;
        }
        FdHandle h = new FdHandle(p, fd, blocking, exclusive);
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
            // Closed, and one use taken at once: the wake-up eventfd stays open while it is
            // signalled, and the last release (maybe this one) closes the descriptors.
            if (state.compareAndSet(s, (s | 1) + 2)) {
                // A platform thread blocked in recv/send would stay blocked: close(2) does not end
                // a call in progress. Every call takes a use (the same CAS'd word) before it
                // starts, so a use counted here may be such a call, and a call that starts after
                // this CAS is refused. The shutdown stays in force, so a call between the
                // acquire and the kernel returns at once too. Only for a socket nobody else holds
                // (to the peer it is what the close does anyway); for one that is in blocking
                // mode, since a non-blocking one has no call to end.
                if ((s >> 1) > 0 && exclusive && blocking) {
                    shutdownQuietly();
                }
                wake(readWaiter);
                wake(writeWaiter);
                int w = wakeFd;
                if (w >= 0) {
                    signal(w);
                }
                release();
                return true;
            }
        }
    }

    private void shutdownQuietly() {
        try (Arena a = Arena.ofConfined()) {
            Native.shutdown(Native.captureSegment(a), fd, Native.SHUT_RDWR);
        }
    }

    /**
     * Whether a platform thread may block in the kernel on this descriptor: it is in blocking mode
     * and only we hold it.
     *
     * @return whether calls without {@code MSG_DONTWAIT} block
     */
    boolean blocking() {
        return blocking;
    }

    /**
     * Puts a descriptor that only we hold into blocking mode (a stream socket once connected).
     * Best effort: if fcntl fails the descriptor stays non-blocking, which is only slower.
     */
    void makeBlocking() {
        if (blocking || !exclusive || !acquire()) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            synchronized (this) {
                MemorySegment st = Native.captureSegment(a);
                int fl = exclusive ? Native.fcntl(st, fd, Native.F_GETFL, 0) : -1;
                if (fl >= 0 && Native.fcntl(st, fd, Native.F_SETFL, fl & ~Native.O_NONBLOCK) == 0) {
                    blocking = true;
                    // A close that read blocking == false just before has not shut the socket
                    // down, yet a call may now block in the kernel: do it here (both fields are
                    // volatile, so one of the two sides sees the other's write).
                    if (!isOpen()) {
                        shutdownQuietly();
                    }
                }
            }
        } finally {
            release();
        }
    }

    /**
     * Called before the descriptor is duplicated for another holder: from now on our close must
     * not shut the socket down, and the other holder gets it as it always did, non-blocking. A
     * platform thread blocked in a system call on it now could not be woken by our close any more
     * (only a shutdown, which would reach the other holder, ends such a call), so sharing is
     * refused while one is: the descriptor is left as it was. The caller holds a use.
     *
     * @param st an errno capture segment
     * @throws IOException if fcntl fails
     * @throws IllegalStateException if a thread is blocked in a system call on the descriptor
     */
    synchronized void share(MemorySegment st) throws IOException {
        if (!blocking) {
            exclusive = false;
            return;
        }
        // Non-blocking first, then look: a call that enters the kernel after the fcntl returns
        // EAGAIN at once and waits the non-blocking way; one that entered before is counted.
        blocking = false;
        int fl = Native.fcntl(st, fd, Native.F_GETFL, 0);
        if (fl < 0 || Native.fcntl(st, fd, Native.F_SETFL, fl | Native.O_NONBLOCK) < 0) {
            blocking = true;
            throw Errors.of(Native.errno(st), "fcntl(O_NONBLOCK)", "descriptor " + fd);
        }
        // A call counted but not yet in the kernel leaves within microseconds (EAGAIN now):
        // bounded wait, 50 ms at most.
        long until = System.nanoTime() + 50_000_000L;
        while (inKernel.get() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (inKernel.get() > 0) {
            if (Native.fcntl(st, fd, Native.F_SETFL, fl & ~Native.O_NONBLOCK) == 0) {
                blocking = true;
            }
            throw new IllegalStateException("descriptor " + fd + " cannot be shared while a thread is blocked in a "
                    + "call on it (close the endpoint or let the call return first)");
        }
        exclusive = false;
    }

    /** Counts a call about to enter a blocking system call (see {@link #share}). */
    void enterKernel() {
        inKernel.incrementAndGet();
    }

    /** Counts a call out of the kernel (see {@link #share}). */
    void leaveKernel() {
        inKernel.decrementAndGet();
    }

    private void destroy() {
        poller.deregister(this);
        Native.closeQuietly(fd);
        int w = wakeFd;
        if (w >= 0) {
            Native.closeQuietly(w);
        }
    }

    /** Makes the wake-up eventfd readable for good: every platform thread polling it returns. */
    private static void signal(int efd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment one = a.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L); // the eventfd counter: a 64-bit add
            while (Native.write(st, efd, one, 8) < 0 && Native.errno(st) == Native.EINTR) {
                // retry
            }
        }
    }

    /**
     * Called by the poller with the epoll event bits: the one-shot registration is now disarmed.
     * Wakes the waiters the event concerns and re-arms for a waiter it does not (a reader and a
     * writer may wait at once, and one event may serve only one of them).
     */
    void ready(int events, MemorySegment scratch, MemorySegment st) {
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
     * @param deadline     the call's deadline ({@link Deadline#none()} for none)
     * @param maxParkNanos the longest single park, or 0 for no limit
     * @param what         the operation and endpoint, for messages
     * @param onInterrupt  closes the endpoint when the thread is interrupted
     * @throws AsynchronousCloseException if the handle was closed
     * @throws ClosedByInterruptException if interrupted (after closing)
     * @throws SocketTimeoutException if the deadline passed
     */
    void await(boolean read, int seq, Deadline deadline, long maxParkNanos, Supplier<String> what, Runnable onInterrupt)
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
                long park = deadline.remainingNanos(); // Long.MAX_VALUE when unbounded
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
        if (deadline.hasPassed()) {
            throw deadline.timedOut(what.get());
        }
    }

    /**
     * The platform-thread wait: blocks this thread in poll(2) on the descriptor and the wake-up
     * eventfd, with no hand-off to the poller thread, until the direction may be ready, the handle
     * is closed, the deadline passes or {@code maxParkNanos} passes. Polls in slices of at most
     * {@link #POLL_SLICE_MS} and checks the interrupt flag between them: Thread.interrupt() does
     * not wake poll(2). Returns normally when the caller should retry. The caller holds a use,
     * so the descriptor number is ours throughout.
     *
     * @param read         which direction
     * @param onDescriptor whether to poll the descriptor too, or only wait for close or the time
     * @param pfds         two pollfd structures ({@code 2 * Native.POLLFD_SIZE}) the caller owns
     * @param st           an errno capture segment the caller owns
     * @param deadline     the call's deadline ({@link Deadline#none()} for none)
     * @param maxParkNanos the longest wait before retrying, or 0 for no limit
     * @param what         the operation and endpoint, for messages
     * @param onInterrupt  closes the endpoint when the thread is interrupted
     * @return whether poll reported the descriptor ready (rather than the time passing)
     * @throws IOException as {@link #await}
     */
    boolean awaitBlocking(boolean read, boolean onDescriptor, MemorySegment pfds, MemorySegment st, Deadline deadline,
            long maxParkNanos, Supplier<String> what, Runnable onInterrupt) throws IOException {
        int w = wakeFd;
        if (w < 0) {
            w = createWakeFd(st, what);
        }
        Thread me = Thread.currentThread();
        long start = System.nanoTime();
        // A negative fd is ignored by poll(2): only the close eventfd and the timeout end the wait.
        pfds.set(ValueLayout.JAVA_INT, Native.POLLFD_FD, onDescriptor ? fd : -1);
        pfds.set(ValueLayout.JAVA_SHORT, Native.POLLFD_EVENTS, (short) (read ? Native.POLLIN : Native.POLLOUT));
        pfds.set(ValueLayout.JAVA_INT, Native.POLLFD_SIZE + Native.POLLFD_FD, w);
        pfds.set(ValueLayout.JAVA_SHORT, Native.POLLFD_SIZE + Native.POLLFD_EVENTS, (short) Native.POLLIN);
        while (true) {
            // wakeFd was published before this check; close() sets the flag before it reads
            // wakeFd: either this sees the close, or the close signals the eventfd polled below.
            if (!isOpen()) {
                throw new AsynchronousCloseException();
            }
            if (me.isInterrupted()) {
                onInterrupt.run();
                throw new ClosedByInterruptException();
            }
            long now = System.nanoTime();
            if (deadline.hasPassed()) {
                throw deadline.timedOut(what.get());
            }
            if (maxParkNanos > 0 && now - start >= maxParkNanos) {
                return false;
            }
            long limit = deadline.remainingNanos(); // Long.MAX_VALUE when unbounded
            if (maxParkNanos > 0) {
                limit = Math.min(limit, maxParkNanos - (now - start));
            }
            // Rounded up: poll never returns before the deadline for want of a millisecond.
            int ms = limit == Long.MAX_VALUE ? POLL_SLICE_MS : (int) Math.min(POLL_SLICE_MS, (limit + 999_999) / 1_000_000);
            pfds.set(ValueLayout.JAVA_SHORT, Native.POLLFD_REVENTS, (short) 0);
            pfds.set(ValueLayout.JAVA_SHORT, Native.POLLFD_SIZE + Native.POLLFD_REVENTS, (short) 0);
            int n = Native.poll(st, pfds, 2, ms);
            if (n > 0) {
                if (!isOpen()) {
                    throw new AsynchronousCloseException();
                }
                return pfds.get(ValueLayout.JAVA_SHORT, Native.POLLFD_REVENTS) != 0;
            }
            if (n < 0) {
                int e = Native.errno(st);
                if (e != Native.EINTR) {
                    throw Errors.of(e, "poll", "descriptor " + fd);
                }
            }
        }
    }

    private synchronized int createWakeFd(MemorySegment st, Supplier<String> what) throws IOException {
        int w = wakeFd;
        if (w < 0) {
            w = Native.eventfd(st, 0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
            if (w < 0) {
                throw Errors.of(Native.errno(st), "eventfd", "(the close signal of " + what.get() + ")");
            }
            wakeFd = w;
        }
        return w;
    }
}
