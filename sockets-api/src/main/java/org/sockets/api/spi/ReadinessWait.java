package org.sockets.api.spi;

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
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

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
 * its own (a selector per waiter cost two, an epoll instance and an eventfd: 10,000 connections
 * waiting with a timeout needed 20,000 descriptors more than their sockets). The shared selector
 * is open only while a channel is registered with it. Virtual threads are the many-connection
 * case, and they paid a hand-off before too (the JDK parks a virtual thread in {@code select}
 * on its own poller), so sharing costs them little.</li>
 * <li>A <b>platform thread</b> selects in its own thread on a private selector of this instance,
 * opened on its first such wait and kept until {@link #close()}: no hand-off to the poller
 * thread, which doubled a platform thread's timed round trip. It costs two descriptors per
 * instance that a platform thread has waited on; platform threads are few by nature (each has
 * an OS thread and its stack), so that does not bring back the descriptor limit.</li>
 * </ul>
 * Before its first hand-offs to the poller in a call, a virtual thread yields instead (see
 * {@code org.sockets.readiness.spins}).
 * The same channel may be registered with both selectors at once (one instance used by both
 * kinds of thread); {@link #close()} deregisters it from both.
 *
 * <p>Callers hold {@link #lock()} around their try-wait-retry loop. A channel registered for a
 * wait stays registered (with no operations armed between waits) until {@link #close()}, which
 * endpoints call before putting the channel back in blocking mode and when they close.
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
     * hands its wait off to the poller ({@code org.sockets.readiness.spins}, default 2, as in
     * sockets-unix): in a request-response exchange the peer often answers while this thread
     * yields its carrier, and the hand-off to the poller thread and back is skipped. A call that
     * really has to wait pays two yields and two non-blocking attempts more, then parks.
     */
    private static final int SPINS = Math.max(0, Integer.getInteger("org.sockets.readiness.spins", 2));
    /**
     * Under {@link #lock()}: the deadline of the call whose yields {@link #spinsLeft} counts (a
     * call's deadline identifies it; {@code sendAll} has one for the whole call).
     */
    private long spinDeadline;
    /** Under {@link #lock()}: yields left to the current call. */
    private int spinsLeft;
    /** The channel's key in {@link #own}; written and read under {@link #lock()} only. */
    private SelectionKey ownKey;

    /** Creates a waiter; nothing is registered yet. */
    public ReadinessWait() {
    }

    /**
     * The lock that serializes callers of this direction.
     *
     * @return the lock
     */
    public ReentrantLock lock() {
        return lock;
    }

    /**
     * {@link #lock(long, String, Duration)}, closing the endpoint if the thread is interrupted
     * while it waits for the lock (or already was: the wait checks first), as an interrupt in the
     * call itself does.
     *
     * @param deadline a {@link System#nanoTime()} deadline
     * @param what     the operation and endpoint, for the timeout message
     * @param timeout  the endpoint's timeout, for the message
     * @param endpoint closed on an interrupt
     * @throws SocketTimeoutException if another caller holds it past the deadline
     * @throws ClosedByInterruptException if interrupted while waiting (the endpoint is then closed)
     */
    public void lock(long deadline, String what, Duration timeout, Closeable endpoint) throws IOException {
        try {
            lock(deadline, what, timeout);
        } catch (ClosedByInterruptException e) {
            EndpointSupport.closeQuietly(endpoint);
            throw e;
        }
    }

    /**
     * Takes the lock, waiting at most until the deadline.
     *
     * @param deadline a {@link System#nanoTime()} deadline
     * @param what     the operation and endpoint, for the timeout message
     * @param timeout  the endpoint's timeout, for the message
     * @throws SocketTimeoutException if another caller holds it past the deadline
     * @throws ClosedByInterruptException if interrupted while waiting
     */
    public void lock(long deadline, String what, Duration timeout) throws IOException {
        try {
            if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timedOut(what, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
    }

    /**
     * Waits until the channel is ready for {@code ops} or the deadline passes. The caller holds
     * the lock and has just seen the operation would block. It may return early (as a select
     * may): the caller tries again and waits again.
     *
     * @param channel  a non-blocking channel
     * @param ops      {@link SelectionKey} operations
     * @param deadline a {@link System#nanoTime()} deadline
     * @param what     the operation and endpoint, for messages
     * @param timeout  the endpoint's timeout, for messages
     * @throws SocketTimeoutException if the deadline passes
     * @throws AsynchronousCloseException if the channel was closed meanwhile
     * @throws ClosedByInterruptException if the thread was interrupted (the caller closes)
     * @throws ClosedSelectorException if {@link #close()} was called meanwhile while the channel
     *                                 stays open (another thread is switching it to blocking mode)
     * @throws IOException if the shared selector fails
     */
    public void await(SelectableChannel channel, int ops, long deadline, String what, Duration timeout) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(what, timeout);
        }
        if (!Thread.currentThread().isVirtual()) {
            awaitDirect(channel, ops, remaining);
            return;
        }
        if (deadline != spinDeadline) {
            spinDeadline = deadline;
            spinsLeft = SPINS;
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
                    long left = deadline - System.nanoTime();
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
            throw new IOException("waiting for " + what + ": the shared selector failed", failure);
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
    private void awaitDirect(SelectableChannel channel, int ops, long remaining) throws IOException {
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
                // select(ms) with 0 means forever; round up so a sub-millisecond remainder still waits.
                s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
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
     * from it), and deregisters the channel from the shared selector and waits until that is done, so the
     * channel may go back to blocking mode and, if it is closed, its socket is released. The
     * other direction's waiter on the same channel is deregistered with it (they share the key);
     * a thread waiting in it meanwhile gets {@link ClosedSelectorException}, or
     * {@link AsynchronousCloseException} if the channel is closed. Waits only for the poller
     * thread, never for a call in progress.
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

    /**
     * A timeout exception with the operation, the endpoint and the timeout in its message.
     *
     * @param what    the operation and endpoint
     * @param timeout the timeout
     * @return the exception
     */
    public static SocketTimeoutException timedOut(String what, Duration timeout) {
        return new SocketTimeoutException(what + " timed out after " + format(timeout));
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Puts an endpoint's channel back in blocking mode after a timeout was removed. Both
     * directions' turns are taken first, so that a timed call still waiting in another thread
     * finishes (within its timeout) before its wait is closed under it, as the JDK's
     * {@code configureBlocking} waits for blocking calls in progress; then the channel leaves the
     * waits' selectors (a channel registered with a selector cannot block). The switch holds
     * {@code modeLock}, which must never be the lock {@code close()} takes: the JDK's switch waits
     * for a blocking call in progress, and close is what ends such a call. The turns are
     * reentrant, so a caller may already hold one.
     *
     * @param ch       the channel
     * @param read     the endpoint's read-direction wait
     * @param write    the endpoint's write-direction wait
     * @param modeLock the endpoint's lock for mode switches
     * @param endpoint closed if the thread is interrupted while it waits for a turn
     * @throws ClosedByInterruptException if interrupted (the endpoint is then closed)
     * @throws IOException if the switch fails
     */
    public static void blockingMode(SelectableChannel ch, ReadinessWait read, ReadinessWait write, Object modeLock,
            Closeable endpoint) throws IOException {
        if (ch.isBlocking()) {
            return; // the common case, on every blocking call: no turns taken
        }
        ReentrantLock r = read.lock();
        ReentrantLock w = write.lock();
        try {
            r.lockInterruptibly();
            try {
                w.lockInterruptibly();
                try {
                    synchronized (modeLock) {
                        if (!ch.isBlocking()) {
                            read.close();
                            write.close();
                            ch.configureBlocking(true);
                        }
                    }
                } finally {
                    w.unlock();
                }
            } finally {
                r.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            EndpointSupport.closeQuietly(endpoint);
            throw new ClosedByInterruptException();
        }
    }

    /**
     * Puts an endpoint's channel in non-blocking mode for a timed call, under {@code modeLock}
     * (never the lock {@code close()} takes: the JDK waits here for a blocking call in progress).
     *
     * @param ch       the channel
     * @param modeLock the endpoint's lock for mode switches
     * @throws IOException if the switch fails
     */
    public static void nonBlockingMode(SelectableChannel ch, Object modeLock) throws IOException {
        if (ch.isBlocking()) {
            synchronized (modeLock) {
                if (ch.isBlocking()) {
                    ch.configureBlocking(false);
                }
            }
        }
    }
}
