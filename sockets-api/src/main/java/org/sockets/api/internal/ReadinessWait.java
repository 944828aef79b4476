package org.sockets.api.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sockets.api.Deadline;
import org.sockets.api.spi.EndpointSupport;

/**
 * Waits, with a deadline, for a non-blocking JDK channel to become ready in one direction: how
 * transports on JDK channels give every blocking call a timeout, as Python does with
 * {@code poll} in its timeout mode.
 *
 * <p>One instance serves one direction of one channel (a reader and a writer each have their own,
 * so they can wait at the same time). How it waits depends on the waiting thread:
 * <ul>
 * <li>A <b>virtual thread</b> uses the shared poller: every instance in the process registers its
 * channel with one selector, run by one platform daemon thread, and parks with
 * {@link LockSupport#parkNanos} until that thread finds the channel ready, the deadline passes,
 * the thread is interrupted, or the endpoint closes. So a timed endpoint costs no descriptor of
 * its own (a selector per waiter costs two, an epoll instance and an eventfd). The shared
 * selector is open only while a channel is registered with it. Virtual threads are the
 * many-connection case, and the JDK hands their waits to a poller too, so sharing costs them
 * little.</li>
 * <li>A <b>platform thread</b> selects in its own thread on a private selector of this instance,
 * opened on its first such wait and kept until {@link #close()}: no hand-off to the poller
 * thread and back. It costs two descriptors per instance that a platform thread has waited on;
 * platform threads are few by nature (each has an OS thread and its stack), so that does not
 * bring back the descriptor limit.</li>
 * </ul>
 * Before its first hand-offs to the poller in a call, a virtual thread yields instead (see
 * {@code org.sockets.spins}). The figures behind these choices are in
 * docs/decisions/2026-11-26-tcp-on-jdk-channels.md.
 * The same channel may be registered with both selectors at once (one instance used by both
 * kinds of thread); {@link #close()} deregisters it from both.
 *
 * <p>Every call of an endpoint holds its direction's {@link Turn} for its whole length, in
 * blocking mode too, and makes its attempts through {@link Turn#retry}. A channel that a bounded
 * call has used stays in non-blocking mode (see {@link EndpointWaits}); calls without a limit
 * then wait here without one. A channel registered for a wait stays registered (with no
 * operations armed between waits) until {@link #close()}, which endpoints call when they close.
 *
 * <p>This package is internal: sockets-api exports it only to the transports on JDK channels
 * ({@code exports ... to org.sockets.tcp, org.sockets.udp}); see
 * docs/decisions/2026-12-06-internal-export.md.
 */
public final class ReadinessWait implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    /** The channel's registration with the shared poller; null until the first wait. */
    private volatile ReadinessPoller.Registration registration;

    // Set by the waiting thread; read by the poller thread and by wakeup().
    /** The thread in {@link #await}, if any. */
    volatile Thread waiter;
    /** The poller found the armed operations ready. */
    volatile boolean ready;
    /** Guarded by the registration's monitor: the operations this waiter has armed, 0 if none. */
    int armedOps;
    /** {@link #wakeup()} was called: the current or next wait returns at once. */
    private volatile boolean woken;

    /**
     * The private selector of platform-thread waits; null until the first one and after
     * {@link #close()}. Published before the channel is registered with it, so a close() that
     * misses it has closed the channel first and that registration fails instead of waiting.
     */
    private volatile Selector own;

    /**
     * How many times a virtual thread yields (and its caller retries the operation) before a call
     * hands its wait off to the poller: system property {@code org.sockets.spins}, default 2, the
     * same property and default that sockets-unix reads (see the module javadoc). In a
     * request-response exchange the peer often answers while this thread yields its carrier, and
     * the hand-off to the poller thread and back is skipped. A call that really has to wait pays
     * two yields and two non-blocking attempts more, then parks.
     */
    private static final int SPINS = Math.max(0, Integer.getInteger("org.sockets.spins", 2));
    /**
     * Under the turn: yields left to the call holding the turn (reset when a call takes it;
     * {@code sendAll} takes it once for the whole call).
     */
    private int spinsLeft;
    /** The channel's key in {@link #own}; written and read under the turn only. */
    private SelectionKey ownKey;

    /** The endpoint this direction belongs to: an interrupt during a call closes it. */
    private final Closeable endpoint;
    /** The turn's one instance: closing it gives the turn back (only the holder does). */
    private final Turn turn = new Turn();

    /**
     * Creates a waiter; nothing is registered yet.
     *
     * @param endpoint closed when a thread is interrupted in a call (or waiting for its turn), as
     *                 the JDK's interruptible channels close
     */
    public ReadinessWait(Closeable endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * A held turn of this direction: one call at a time per direction, for the call's whole
     * length. Close it (try-with-resources) to give the turn back; calls made while holding it
     * go through {@link #retry}.
     */
    public final class Turn implements AutoCloseable {

        private Turn() {
        }

        /**
         * The timed-call primitive (the JDK's {@code NioSocketImpl.timedRead} in one method): makes
         * {@code attempt} until it returns something other than {@link #WOULD_BLOCK}, waiting
         * between attempts for {@code ops} readiness until the deadline. In blocking mode an
         * attempt never would block, so the attempt is the whole call (the fast path). An
         * interrupt closes the endpoint and ends the call with {@link ClosedByInterruptException}.
         *
         * @param <C>      the channel's type
         * @param <A>      the attempt's argument's type (a buffer, usually)
         * @param channel  the channel, in either mode
         * @param ops      {@link SelectionKey} operations to wait for
         * @param deadline the call's deadline
         * @param what     the operation and endpoint, for messages (built only if needed)
         * @param arg      passed to each attempt, so the attempt need not capture it
         * @param attempt  one non-blocking try
         * @return the attempt's result
         * @throws java.net.SocketTimeoutException if the deadline passes first
         * @throws AsynchronousCloseException if the endpoint is closed meanwhile
         * @throws ClosedByInterruptException if the thread is interrupted (the endpoint is closed)
         * @throws IOException what the attempt throws
         */
        public <C extends SelectableChannel, A> int retryCount(C channel, int ops, Deadline deadline, Supplier<String> what, A arg,
                IntAttempt<C, A> attempt) throws IOException {
            try {
                int r;
                while ((r = attempt.attempt(channel, arg)) == WOULD_BLOCK) {
                    await(channel, ops, deadline, what);
                }
                return r;
            } catch (ClosedByInterruptException e) {
                EndpointSupport.closeQuietly(endpoint);
                throw e;
            }
        }

        /**
         * {@link #retryCount} for an
         * attempt with an object result: {@code null} means it would block.
         *
         * @param <C>      the channel's type
         * @param <A>      the attempt's argument's type
         * @param <T>      the result's type
         * @param channel  the channel, in either mode
         * @param ops      {@link SelectionKey} operations to wait for
         * @param deadline the call's deadline
         * @param what     the operation and endpoint, for messages
         * @param arg      passed to each attempt
         * @param attempt  one non-blocking try, null while it would block
         * @return the attempt's result
         * @throws IOException as the int form
         */
        public <C extends SelectableChannel, A, T> T retry(C channel, int ops, Deadline deadline, Supplier<String> what, A arg,
                Attempt<C, A, T> attempt) throws IOException {
            try {
                T r;
                while ((r = attempt.attempt(channel, arg)) == null) {
                    await(channel, ops, deadline, what);
                }
                return r;
            } catch (ClosedByInterruptException e) {
                EndpointSupport.closeQuietly(endpoint);
                throw e;
            }
        }

        /** Gives the turn back. */
        @Override
        public void close() {
            lock.unlock();
        }
    }

    /** What an {@link IntAttempt} returns when the operation would block (no count is this low). */
    public static final int WOULD_BLOCK = Integer.MIN_VALUE;

    /**
     * One non-blocking try of an operation with a count as its result.
     *
     * @param <C> the channel's type
     * @param <A> the argument's type
     */
    @FunctionalInterface
    public interface IntAttempt<C, A> {
        /**
         * Tries once.
         *
         * @param channel the channel
         * @param arg     the call's argument
         * @return the count, or {@link #WOULD_BLOCK}
         * @throws IOException on failure
         */
        int attempt(C channel, A arg) throws IOException;
    }

    /**
     * One non-blocking try of an operation with an object as its result.
     *
     * @param <C> the channel's type
     * @param <A> the argument's type
     * @param <T> the result's type
     */
    @FunctionalInterface
    public interface Attempt<C, A, T> {
        /**
         * Tries once.
         *
         * @param channel the channel
         * @param arg     the call's argument
         * @return the result, or {@code null} while it would block
         * @throws IOException on failure
         */
        T attempt(C channel, A arg) throws IOException;
    }

    /**
     * Takes this direction's turn within the deadline (without limit for {@link Deadline#none()}),
     * closing the endpoint if the thread is interrupted while it waits (or already was: the wait
     * checks first), as an interrupt in the call itself does. Waiting for the turn counts against
     * the call's deadline. Resets the virtual-thread yields for the call that takes the turn.
     *
     * @param deadline the call's deadline
     * @param what     the operation and endpoint, for the timeout message (built only if needed)
     * @return the held turn, to close when the call ends
     * @throws SocketTimeoutException if another caller holds the turn past the deadline
     * @throws ClosedByInterruptException if interrupted while waiting (the endpoint is then closed)
     */
    public Turn turn(Deadline deadline, Supplier<String> what) throws IOException {
        try {
            if (!deadline.isBounded()) {
                lock.lockInterruptibly();
            } else if (!lock.tryLock(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw deadline.timedOut(what.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            EndpointSupport.closeQuietly(endpoint);
            throw new ClosedByInterruptException();
        }
        spinsLeft = SPINS;
        return turn;
    }

    /**
     * Waits for readiness within the deadline; see {@link #awaitOnce}. A wait cancelled under
     * the caller ({@link #close()}, which endpoints call only when they close, after closing the
     * channel) is reported here, once for every endpoint, as the asynchronous close it is: the
     * JDK's {@link ClosedSelectorException} is unchecked and names no call.
     */
    private void await(SelectableChannel channel, int ops, Deadline deadline, Supplier<String> what) throws IOException {
        try {
            awaitOnce(channel, ops, deadline, what);
        } catch (ClosedSelectorException e) {
            if (!channel.isOpen()) {
                throw asynchronousClose(e);
            }
            throw new IOException(what.get() + ": the wait was cancelled while the channel stayed open", e);
        }
    }

    /**
     * Waits until the channel is ready for {@code ops} or the deadline passes. The caller holds
     * the turn and has just seen the operation would block. It may return early (as a select
     * may): the caller tries again and waits again.
     *
     * @param channel  a non-blocking channel
     * @param ops      {@link SelectionKey} operations
     * @param deadline the call's deadline; {@link Deadline#none()} waits without limit
     * @param what     the operation and endpoint, for messages (built only if needed)
     * @throws SocketTimeoutException if the deadline passes
     * @throws AsynchronousCloseException if the channel was closed meanwhile
     * @throws ClosedByInterruptException if the thread was interrupted (the caller closes)
     * @throws ClosedSelectorException if {@link #close()} was called meanwhile while the channel
     *                                 stays open (see {@link #await})
     * @throws IOException if the shared selector fails
     */
    private void awaitOnce(SelectableChannel channel, int ops, Deadline deadline, Supplier<String> what) throws IOException {
        boolean bounded = deadline.isBounded();
        if (bounded && deadline.hasPassed()) {
            throw deadline.timedOut(what.get());
        }
        if (!Thread.currentThread().isVirtual()) {
            awaitDirect(channel, ops, deadline);
            return;
        }
        if (spinsLeft > 0) {
            spinsLeft--;
            Thread.yield(); // an early return: the caller tries again, then waits again
            // As after a wait: an interrupt or a close from another thread ends the call.
            if (Thread.currentThread().isInterrupted()) {
                throw new ClosedByInterruptException();
            }
            if (!channel.isOpen()) {
                throw new AsynchronousCloseException();
            }
            return;
        }
        ReadinessPoller poller = ReadinessPoller.shared();
        ReadinessPoller.Registration r = null;
        Thread me = Thread.currentThread();
        waiter = me;
        try {
            r = registration(poller, channel);
            try {
                r.arm(this, ops);
                while (!ready && !woken && !me.isInterrupted() && channel.isOpen() && r.key.isValid() && r.failure == null) {
                    if (!bounded) {
                        LockSupport.park(this);
                        continue;
                    }
                    long left = deadline.remainingNanos();
                    if (left <= 0) {
                        break; // the caller tries once more, then the next await reports the timeout
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                r.disarm(this);
            }
        } catch (ClosedSelectorException | CancelledKeyException | ClosedChannelException e) {
            // close() from another thread closes the channel at any point of the wait: that is
            // an asynchronous close, whatever the registration says.
            if (!channel.isOpen()) {
                if (r != null) {
                    poller.flush(r);
                }
                throw e instanceof AsynchronousCloseException a ? a : asynchronousClose(e);
            }
            if (e instanceof CancelledKeyException) {
                // close() cancelled the key while this wait was arming it: see below
                ClosedSelectorException x = new ClosedSelectorException();
                x.initCause(e);
                throw x;
            }
            throw e;
        } finally {
            waiter = null;
            woken = false;
        }
        // As the JDK's channels do, leave the interrupt status set (the caller closes).
        if (me.isInterrupted()) {
            throw new ClosedByInterruptException();
        }
        if (!channel.isOpen()) {
            // Release the socket now, whoever closed it: the JDK closes a registered channel's
            // descriptor only once its key is deregistered.
            poller.flush(r);
            throw new AsynchronousCloseException();
        }
        IOException failure = r.failure;
        if (failure != null) {
            registration = null;
            throw new IOException("waiting for " + what.get() + ": the shared selector failed", failure);
        }
        if (!r.key.isValid()) {
            // close() cancelled the key under this wait, as closing the old per-waiter selector did.
            throw new ClosedSelectorException();
        }
    }

    /**
     * A platform thread's wait: selects on {@link #own} in this thread, as a blocking call would
     * wait in the kernel, with no poller thread in between.
     */
    private void awaitDirect(SelectableChannel channel, int ops, Deadline deadline) throws IOException {
        Selector s = own;
        try {
            if (s == null || ownKey == null || ownKey.channel() != channel) {
                if (s != null) {
                    closeOwn(); // the endpoint moved to another channel (a listener replacing its socket)
                }
                s = Selector.open();
                own = s;
                try {
                    ownKey = channel.register(s, ops);
                } catch (IOException | RuntimeException e) {
                    ownKey = null;
                    if (own == s) {
                        own = null;
                    }
                    s.close();
                    throw e;
                }
            } else if (ownKey.interestOps() != ops) {
                ownKey.interestOps(ops);
            }
            // Pairs with wakeup(): it sets woken, then wakes the selector it sees; this published
            // the selector, then looks at woken. One of the two sees the other.
            if (!woken) {
                if (!deadline.isBounded()) {
                    s.select(); // until ready, woken by close, or interrupted (a selector is interruptible)
                } else {
                    // select(ms) with 0 means forever; round up so a sub-millisecond remainder still waits.
                    long remaining = deadline.remainingNanos();
                    s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(remaining, Long.MAX_VALUE - 999_999) + 999_999)));
                }
            }
            s.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException | ClosedChannelException e) {
            // close() from another thread closes the channel, then this selector, at any point of
            // the wait: that is an asynchronous close, whatever the selector says.
            if (!channel.isOpen()) {
                throw e instanceof AsynchronousCloseException a ? a : asynchronousClose(e);
            }
            if (e instanceof CancelledKeyException) {
                ClosedSelectorException x = new ClosedSelectorException();
                x.initCause(e);
                throw x;
            }
            throw e;
        } finally {
            woken = false;
        }
        // As the JDK's channels do, leave the interrupt status set (the caller closes).
        if (Thread.currentThread().isInterrupted()) {
            throw new ClosedByInterruptException();
        }
        if (!channel.isOpen()) {
            throw new AsynchronousCloseException();
        }
    }

    /** Closes {@link #own}, which deregisters the channel from it at once. */
    private void closeOwn() {
        Selector s = own;
        if (s != null) {
            own = null;
            try {
                s.close(); // wakes a select in progress and waits for it to return
            } catch (IOException ignored) {
                // a selector that fails to close holds no socket of ours
            }
        }
    }

    /** This waiter's registration for {@code channel}, registering it on the first wait. */
    private ReadinessPoller.Registration registration(ReadinessPoller poller, SelectableChannel channel) throws IOException {
        ReadinessPoller.Registration r = registration;
        if (r != null && r.key.channel() == channel && r.key.isValid()) {
            return r;
        }
        if (r != null && r.key.channel() != channel) {
            close(); // the endpoint moved to another channel (a listener replacing its socket)
        }
        r = poller.register(channel);
        registration = r;
        return r;
    }

    private static AsynchronousCloseException asynchronousClose(Exception cause) {
        AsynchronousCloseException e = new AsynchronousCloseException();
        e.initCause(cause);
        return e;
    }

    /** Wakes a caller blocked in {@link #await}, e.g. because the endpoint is closing. */
    public void wakeup() {
        woken = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        Selector s = own;
        if (s != null) {
            s.wakeup();
        }
    }

    /**
     * Closes the private selector of platform-thread waits, if any (which deregisters the channel
     * from it), and deregisters the channel from the shared selector and waits until that is done,
     * so that the socket of a closed channel is released. The other direction's waiter on the same
     * channel is deregistered with it (they share the key). Endpoints call this only when they
     * close, after closing the channel, without the turn: a call waiting here meanwhile ends with
     * {@link AsynchronousCloseException}. Waits only for the poller thread, never for a call in
     * progress.
     */
    @Override
    public void close() {
        closeOwn();
        ReadinessPoller.Registration r = registration;
        if (r != null) {
            registration = null;
            r.cancel();
            ReadinessPoller.shared().flush(r);
        }
    }
}
