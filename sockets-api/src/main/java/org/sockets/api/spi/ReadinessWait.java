package org.sockets.api.spi;

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
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits, with a deadline, for a non-blocking JDK channel to become ready in one direction: how
 * transports on JDK channels give every blocking call a timeout, as Python does with
 * {@code poll} in its timeout mode.
 *
 * <p>One instance serves one direction of one channel (a reader and a writer each have their own,
 * so they can wait at the same time). Its {@link Selector} is opened on first use, so endpoints
 * without a timeout never pay for it. On JDK 25 a virtual thread waiting in
 * {@link Selector#select(long)} parks rather than holding its carrier (2,000 waiting virtual
 * threads ran on 11 platform threads here).
 *
 * <p>Callers hold {@link #lock()} around their try-wait-retry loop.
 */
public final class ReadinessWait implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Selector selector;
    private SelectionKey key;

    /** Creates a waiter; no selector is opened yet. */
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
     * the lock and has just seen the operation would block.
     *
     * @param channel  a non-blocking channel
     * @param ops      {@link SelectionKey} operations
     * @param deadline a {@link System#nanoTime()} deadline
     * @param what     the operation and endpoint, for messages
     * @param timeout  the endpoint's timeout, for messages
     * @throws SocketTimeoutException if the deadline passes
     * @throws AsynchronousCloseException if the channel was closed meanwhile
     * @throws ClosedByInterruptException if the thread was interrupted (the caller closes)
     * @throws IOException if the selector fails
     */
    public void await(SelectableChannel channel, int ops, long deadline, String what, Duration timeout) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(what, timeout);
        }
        Selector s = selector;
        try {
            if (s == null) {
                s = Selector.open();
                // Published before registering: a close() that misses it has closed the channel
                // first, so the registration below fails instead of waiting unwoken.
                selector = s;
                try {
                    key = channel.register(s, ops);
                } catch (IOException | RuntimeException e) {
                    selector = null;
                    s.close();
                    throw e;
                }
            } else if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
            // select(ms) with 0 means forever; round up so a sub-millisecond remainder still waits.
            s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
            s.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException | ClosedChannelException e) {
            // close() from another thread closes the channel, then this selector, at any point of
            // the wait: that is an asynchronous close, whatever the selector says.
            if (!channel.isOpen() && !(e instanceof AsynchronousCloseException)) {
                throw asynchronousClose(e);
            }
            throw e;
        }
        // As the JDK's channels do, leave the interrupt status set (the caller closes).
        if (Thread.currentThread().isInterrupted()) {
            throw new ClosedByInterruptException();
        }
        if (!channel.isOpen()) {
            throw new AsynchronousCloseException();
        }
    }

    private static AsynchronousCloseException asynchronousClose(Exception cause) {
        AsynchronousCloseException e = new AsynchronousCloseException();
        e.initCause(cause);
        return e;
    }

    /** Wakes a caller blocked in {@link #await}, e.g. because the endpoint is closing. */
    public void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /** Closes the selector (deregistering the channel) so the channel may go back to blocking mode. */
    @Override
    public void close() {
        Selector s = selector;
        if (s != null) {
            selector = null;
            try {
                s.close();
            } catch (IOException ignored) {
                // a selector that fails to close holds no socket of ours
            }
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
}
