package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sockets.api.Deadline;
import org.sockets.api.spi.EndpointSupport;

/**
 * The retry-and-park loop of one endpoint's calls that may wait: try the call, and on
 * {@code EAGAIN} wait until the {@link Poller} (a virtual thread) or the thread's own
 * {@code poll(2)} (a platform thread) reports readiness, the deadline passes or the endpoint
 * closes, then try again. A platform thread with no deadline on a blocking descriptor makes the
 * call block in the kernel instead (see {@link FdHandle}). A virtual thread therefore waits
 * unmounted, and no carrier is ever held in a native call.
 *
 * <p>One reader and one writer at a time: each direction has a lock and its own {@link Scratch},
 * so a call allocates nothing native.
 */
final class RetryLoop {

    /**
     * How often a virtual thread yields and retries before it parks: system property
     * {@code org.sockets.spins}, default 2, the same property and default as the transports on
     * JDK channels (see the module javadoc and docs/decisions/2026-11-26-unix-poller.md).
     */
    private static final int SPINS = Math.max(0, Integer.getInteger("org.sockets.spins", 2));
    /** The longest single park for conditions epoll does not report (full backlog, full peer queue). */
    static final long POLL_FALLBACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A platform thread's wait when poll(2) cannot tell (full backlog, full unconnected peer). */
    private static final long UNINFORMATIVE_WAIT_NANOS = 1_000_000;

    /** One attempt of an operation: a result of at least 0, or -1 with errno in {@code io.st}. */
    interface Attempt {
        /**
         * Makes the call once.
         *
         * @param io   the direction's scratch, its lock held
         * @param wait flags for the call: {@code MSG_DONTWAIT}, or 0 when this thread may block
         *             in it (a blocking descriptor; see {@link FdHandle}); calls with no flags
         *             argument (accept, connect) are only made on non-blocking descriptors
         * @param buf  the caller's buffer, passed through (so that the attempts of the hot paths
         *             are made once per endpoint, not allocated per call), or null
         * @return the result, or -1 with errno captured
         * @throws IOException if the arguments are refused before the call
         */
        long run(Scratch io, int wait, ByteBuffer buf) throws IOException;
    }

    private final FdHandle handle;
    /** Closed when a waiting thread is interrupted; kept reachable while a call on it runs. */
    private final UnixSocket endpoint;
    /** The endpoint's close, made once: what an interrupt during a wait does. */
    private final Runnable close;
    /** Lets an interrupt end a call blocked in the kernel (see {@link #blockInKernel}). */
    private final InterruptHook interrupts;
    private final Scratch in = new Scratch();
    private final Scratch out = new Scratch();

    RetryLoop(FdHandle handle, UnixSocket endpoint) {
        this.handle = handle;
        this.endpoint = endpoint;
        this.close = endpoint::close;
        this.interrupts = new InterruptHook(close);
    }

    /**
     * One call's attempts and waits. Every caller has passed a state check first, and close()
     * sets CLOSED before it closes the handle, so the call began on an open endpoint: a closed
     * handle from here on is a close during the call, {@link AsynchronousCloseException} (as the
     * Endpoint contract says), never EndpointClosedException; reading isOpen() here instead
     * would report a close between the caller's check and this one as if it had come first.
     *
     * @param read     which direction (and so which lock and scratch)
     * @param what     the operation and endpoint, for messages
     * @param deadline the call's deadline
     * @param maxPark  the longest single wait, for conditions no readiness event reports, or 0
     * @param buf      passed to each attempt
     * @param attempt  the call
     * @param errors   maps an errno other than EAGAIN and EINTR
     * @return the attempt's result
     * @throws IOException as mapped, on timeout, on close, on interrupt
     */
    long run(boolean read, Supplier<String> what, Deadline deadline, long maxPark, ByteBuffer buf, Attempt attempt,
            Errors.Mapper errors) throws IOException {
        try {
            return attempts(read, what, deadline, maxPark, buf, attempt, errors);
        } catch (AsynchronousCloseException e) {
            throw EndpointSupport.withContext(e, what.get()); // the JDK type has no message of its own
        }
    }

    private long attempts(boolean read, Supplier<String> what, Deadline deadline, long maxPark, ByteBuffer buf, Attempt attempt,
            Errors.Mapper errors) throws IOException {
        Scratch io = read ? in : out;
        lock(io, what, deadline);
        try {
            if (!handle.acquire()) {
                throw new AsynchronousCloseException();
            }
            try {
                // Bounded: every pass either returns, throws, yields (at most SPINS times), or
                // parks until an event, the deadline or close; EINTR needs a signal each time.
                int spins = 0;
                boolean virtual = Thread.currentThread().isVirtual();
                // A platform thread with no timeout blocks in the call itself where it can.
                boolean inKernel = !virtual && !deadline.isBounded() && maxPark == 0;
                boolean polledReady = false;
                while (true) {
                    if (!handle.isOpen()) {
                        // Closed by another thread since the last attempt: do not start another.
                        throw new AsynchronousCloseException();
                    }
                    if (inKernel && handle.blocking()) {
                        long r = blockInKernel(io, buf, attempt, errors);
                        if (r >= 0) {
                            return r;
                        }
                        // The descriptor was shared meanwhile: wait the non-blocking way.
                    }
                    int seq = handle.seq(read);
                    long r = outcome(attempt.run(io, Native.MSG_DONTWAIT, buf));
                    if (r >= 0) {
                        return r;
                    }
                    int e = Native.errno(io.st);
                    if (e == Native.EINTR) {
                        continue;
                    }
                    if (e != Native.EAGAIN) {
                        throw errors.map(e);
                    }
                    if (spins < SPINS && virtual) {
                        // A peer on the other carrier often answers within microseconds: letting
                        // other virtual threads run once is cheaper than a park and a wake-up
                        // through the poller thread.
                        spins++;
                        Thread.yield();
                        continue;
                    }
                    if (virtual) {
                        handle.await(read, seq, deadline, maxPark, what, close);
                    } else {
                        // A platform thread waits in its own poll(2): no hand-off to the poller
                        // thread and back (see docs/decisions/2026-11-26-unix-poller.md).
                        // poll(2) cannot see a full listen backlog or a full unconnected peer
                        // (maxPark > 0): POLLOUT is reported at once. When a wait said "ready" and
                        // the call still would block, the next one waits up to 1 ms for close only.
                        boolean uninformative = polledReady && maxPark > 0;
                        polledReady = handle.awaitBlocking(read, !uninformative, io.pfds, io.st, deadline,
                                uninformative ? Math.min(maxPark, UNINFORMATIVE_WAIT_NANOS) : maxPark, what, close)
                                && !uninformative;
                    }
                }
            } finally {
                handle.release();
            }
        } finally {
            io.lock.unlock();
            // Keeps the endpoint reachable while a call on it waits, so the cleaner cannot close
            // it under a caller that holds it only through this frame (open(...).connect(...).recv()).
            Reference.reachabilityFence(endpoint);
        }
    }

    /**
     * Makes the call block in the kernel (a platform thread, no timeout, a blocking descriptor
     * only we hold): one system call per message, as the JDK's own channels make, with no kernel
     * timeout. {@link FdHandle#close()} ends the call with shutdown(2); an interrupt closes the
     * endpoint through {@link InterruptHook} (Thread.interrupt() alone does not end a system
     * call), which then throws ClosedByInterruptException. The caller holds a use and the
     * direction's lock.
     *
     * @return the result, or -1 if the descriptor stopped being blocking (it was shared)
     */
    private long blockInKernel(Scratch io, ByteBuffer buf, Attempt attempt, Errors.Mapper errors) throws IOException {
        // Bounded: each pass returns, throws, or ends with EINTR (a signal) or EAGAIN (the
        // descriptor turned non-blocking, or a timeout option set by the caller).
        while (handle.blocking()) {
            // The use held since run() is what lets close() see this call and shut it down.
            long r;
            boolean completed = false;
            handle.enterKernel();
            interrupts.enter();
            try {
                r = attempt.run(io, 0, buf);
                completed = r >= 0;
            } finally {
                handle.leaveKernel();
                interrupts.exit(completed);
            }
            if (outcome(r) >= 0) {
                return r;
            }
            int e = Native.errno(io.st);
            if (e != Native.EAGAIN && e != Native.EINTR) {
                throw errors.map(e);
            }
        }
        return -1;
    }

    /**
     * An attempt's result as the caller sees it. Bytes moved are the caller's even if a close came
     * meanwhile, as the JDK's channels count them: data received, or bytes sent that the peer will
     * read (sendAll's next call then meets the close). Otherwise a close since the caller's
     * open-check may have shut the socket down (FdHandle.close does so while any call holds a
     * use): its 0 or EPIPE is not the peer's, and the call ends as the close.
     *
     * @return {@code r}: the count, 0, or -1 to read errno
     */
    private long outcome(long r) throws AsynchronousCloseException {
        if (r <= 0 && !handle.isOpen()) {
            throw new AsynchronousCloseException();
        }
        return r;
    }

    /** Takes the direction's turn; waiting for it counts against the call's deadline. */
    private void lock(Scratch io, Supplier<String> what, Deadline deadline) throws IOException {
        try {
            if (!deadline.isBounded()) {
                io.lock.lockInterruptibly();
            } else if (!io.lock.tryLock(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw deadline.timedOut(what.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endpoint.close();
            throw new ClosedByInterruptException();
        }
    }
}
