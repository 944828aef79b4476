package org.sockets.api.internal;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one {@link Selector} that every {@link ReadinessWait} in the process shares, and the
 * platform daemon thread that selects on it: waiters arm their channel's key and park, and the
 * thread unparks those whose channels are ready.
 *
 * <p>A per-waiter selector costs two descriptors (an epoll instance and an eventfd), so 10,000
 * connections waiting with a timeout needed 20,000 more than their sockets; this costs two in
 * all. The selector is open only while some channel is registered with it: when the last one
 * leaves, the thread closes it (before the {@link ReadinessWait#close()} that removed that channel
 * returns), so a process with no timed endpoint holds no descriptor of ours, and tests that count
 * descriptors see them come back. The thread itself stays {@value #THREAD_LINGER_SECONDS} s for
 * the next selector, so a program that opens one timed connection after another does not start a
 * thread for each.
 *
 * <p>Why a key is armed and fired rather than left interested: a level-triggered selector would
 * report a readable channel on every select until its reader reads, so the thread would spin while
 * a woken reader is on its way. Each wait therefore adds its operations to the key and wakes the
 * thread (an interest change takes effect only at the thread's next select), and the thread takes
 * them off again when it fires.
 *
 * <p>Registration happens on the waiter's thread: on JDK 11 and later {@code register} and
 * {@code interestOps} do not block while the selector is in {@code select}.
 */
final class ReadinessPoller {

    private static final ReadinessPoller SHARED = new ReadinessPoller();

    /** How long the thread waits for a new selector after the last channel left. */
    static final int THREAD_LINGER_SECONDS = 5;

    /**
     * The thread's select timeout. Every path that cancels a key asks for a flush and wakes the
     * thread; this bounds how long a key cancelled some other way keeps its socket's descriptor.
     */
    private static final long SELECT_TIMEOUT_MS = 1_000;

    /** How long {@link #flush} waits for the thread at most (it answers in microseconds). */
    private static final long FLUSH_CAP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition selectorOpened = lock.newCondition();
    /** Guarded by {@link #lock}; null while no channel is registered. */
    private Selector selector;
    /** Guarded by {@link #lock}; null while no thread runs. */
    private Thread thread;
    private final ConcurrentLinkedQueue<Flush> flushes = new ConcurrentLinkedQueue<>();

    private ReadinessPoller() {
    }

    static ReadinessPoller shared() {
        return SHARED;
    }

    /** A caller waiting for the thread to deregister the keys cancelled before it asked. */
    private static final class Flush {
        final Thread caller = Thread.currentThread();
        volatile boolean done;
    }

    /**
     * One channel's key in the shared selector, and the waiters (at most one per direction)
     * armed on it. The key's attachment.
     */
    static final class Registration {
        final Selector selector;
        /** Set once, before the registration is shared. */
        SelectionKey key;
        // Guarded by this: the armed waiters and their ArmedOps.
        private ReadinessWait first;
        private ReadinessWait second;
        /** Set if the thread failed; waiters then fail with it. */
        volatile IOException failure;

        Registration(Selector selector) {
            this.selector = selector;
        }

        /**
         * Arms {@code w} for {@code ops} and wakes the thread so its next select sees them.
         *
         * @throws CancelledKeyException if the key was cancelled (the channel closed, or a
         *                               {@link ReadinessWait#close()})
         */
        void arm(ReadinessWait w, int ops) {
            synchronized (this) {
                if (first != w && second != w) {
                    if (first == null) {
                        first = w;
                    } else if (second == null) {
                        second = w;
                    } else {
                        throw new IllegalStateException("a third waiter on one channel");
                    }
                }
                w.armedOps = ops;
                w.ready = false;
                key.interestOps(interest());
            }
            selector.wakeup();
        }

        /** Takes {@code w} off the key, if it is still armed (the thread did not fire it). */
        void disarm(ReadinessWait w) {
            synchronized (this) {
                boolean armed = w.armedOps != 0;
                if (first == w) {
                    first = null;
                } else if (second == w) {
                    second = null;
                }
                w.armedOps = 0;
                if (armed && key.isValid()) {
                    try {
                        // Fewer operations: no wake-up needed; a stale event is ignored in fire.
                        key.interestOps(interest());
                    } catch (CancelledKeyException closedMeanwhile) {
                        // nothing left to disarm
                    }
                }
            }
        }

        /** Cancels the key and wakes its waiters (they see the key is no longer valid). */
        void cancel() {
            Thread a;
            Thread b;
            synchronized (this) {
                key.cancel();
                a = first == null ? null : first.waiter;
                b = second == null ? null : second.waiter;
            }
            unpark(a);
            unpark(b);
        }

        /** On the poller thread: wakes the waiters whose operations the key reports ready. */
        void fire() {
            Thread a = null;
            Thread b = null;
            synchronized (this) {
                int ready;
                try {
                    ready = key.readyOps();
                } catch (CancelledKeyException e) {
                    ready = -1; // the channel closed: every waiter must look
                }
                if (first != null && (first.armedOps & ready) != 0) {
                    a = fired(first);
                    first = null;
                }
                if (second != null && (second.armedOps & ready) != 0) {
                    b = fired(second);
                    second = null;
                }
                if (key.isValid()) {
                    try {
                        key.interestOps(interest());
                    } catch (CancelledKeyException closedMeanwhile) {
                        // its waiters see the channel closed
                    }
                }
            }
            unpark(a);
            unpark(b);
        }

        /** When the thread fails: every armed waiter gets the failure. */
        void fail(IOException e) {
            failure = e;
            Thread a;
            Thread b;
            synchronized (this) {
                a = first == null ? null : first.waiter;
                b = second == null ? null : second.waiter;
            }
            unpark(a);
            unpark(b);
        }

        private static Thread fired(ReadinessWait w) {
            w.armedOps = 0;
            w.ready = true;
            return w.waiter;
        }

        private int interest() {
            return (first == null ? 0 : first.armedOps) | (second == null ? 0 : second.armedOps);
        }
    }

    private static void unpark(Thread t) {
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The channel's registration, registering it (with no operations armed) if it has none.
     *
     * @throws ClosedChannelException  if the channel is closed
     * @throws ClosedSelectorException if its key was cancelled by {@link ReadinessWait#close()}
     *                                 and is not flushed yet (the channel leaving for blocking mode)
     * @throws IOException             if no selector can be opened
     */
    Registration register(SelectableChannel channel) throws IOException {
        lock.lock();
        try {
            Selector s = selector;
            if (s == null) {
                s = Selector.open();
                selector = s;
                if (thread == null) {
                    thread = Thread.ofPlatform().daemon().name("sockets-readiness-poller").start(this::run);
                } else {
                    selectorOpened.signal();
                }
            }
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            SelectionKey k = channel.keyFor(s);
            if (k != null) {
                if (!k.isValid()) {
                    throw new ClosedSelectorException();
                }
                return (Registration) k.attachment();
            }
            Registration r = new Registration(s);
            try {
                r.key = channel.register(s, 0, r);
            } catch (IOException | RuntimeException e) {
                s.wakeup(); // so the thread notices at once if it has nothing to select on
                throw e;
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the thread has deregistered every key cancelled before this call, so a channel
     * may go back to blocking mode and a closed channel's descriptor is released (the JDK defers
     * closing a registered channel's socket until then). Keeps the interrupt status.
     *
     * @param r a registration whose key the caller has cancelled
     */
    void flush(Registration r) {
        Selector s = r.selector;
        SelectableChannel ch = r.key.channel();
        if (!s.isOpen() || ch.keyFor(s) != r.key) {
            return; // already deregistered
        }
        Flush f = new Flush();
        flushes.add(f);
        s.wakeup();
        boolean interrupted = Thread.interrupted();
        long end = System.nanoTime() + FLUSH_CAP_NANOS;
        // A closed selector has deregistered all its keys; a flush left queued then is done by
        // the next selector's thread, harmlessly.
        while (!f.done && s.isOpen()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break; // the thread is gone: configureBlocking will say the channel is still registered
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread: runs one selector until it has no channel left, then waits for the next. */
    private void run() {
        while (true) {
            Selector s;
            lock.lock();
            try {
                long left = TimeUnit.SECONDS.toNanos(THREAD_LINGER_SECONDS);
                while (selector == null && left > 0) {
                    try {
                        left = selectorOpened.awaitNanos(left);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread on purpose; keep serving
                    }
                }
                s = selector;
                if (s == null) {
                    thread = null;
                    return;
                }
            } finally {
                lock.unlock();
            }
            serve(s);
        }
    }

    /** Selects on {@code s} until no channel is registered, then closes it. */
    private void serve(Selector s) {
        try {
            while (true) {
                s.select(SELECT_TIMEOUT_MS);
                fireSelected(s);
                List<Flush> batch = null;
                if (!flushes.isEmpty()) {
                    batch = new ArrayList<>();
                    Flush f;
                    while ((f = flushes.poll()) != null) {
                        batch.add(f);
                    }
                    // Keys cancelled before these flushes were asked for are deregistered at the
                    // start of this select (and closed channels' sockets closed).
                    s.selectNow();
                    fireSelected(s);
                }
                boolean idle;
                lock.lock();
                try {
                    idle = s.keys().isEmpty() && flushes.isEmpty();
                    if (idle) {
                        selector = null;
                        s.close();
                    }
                } finally {
                    lock.unlock();
                }
                // Done only now, so a close() that removed the last channel returns with the
                // selector's descriptors closed too.
                done(batch);
                if (idle) {
                    return;
                }
            }
        } catch (Throwable e) {
            // Fail this selector's waiters; the thread goes on serving the next one.
            fail(s, e);
        }
    }

    private static void fireSelected(Selector s) {
        Set<SelectionKey> selected = s.selectedKeys();
        for (SelectionKey k : selected) {
            ((Registration) k.attachment()).fire();
        }
        selected.clear();
    }

    private static void done(List<Flush> batch) {
        if (batch != null) {
            for (Flush f : batch) {
                f.done = true;
                LockSupport.unpark(f.caller);
            }
        }
    }

    /** The selector failed (it never should): fail its waiters and start afresh on the next wait. */
    private void fail(Selector s, Throwable e) {
        IOException failure = e instanceof IOException io ? io : new IOException("the readiness poller failed", e);
        List<Registration> regs = new ArrayList<>();
        lock.lock();
        try {
            if (selector == s) {
                selector = null;
            }
            try {
                for (SelectionKey k : s.keys()) {
                    regs.add((Registration) k.attachment());
                }
            } catch (ClosedSelectorException alreadyClosed) {
                // nothing to collect
            }
            try {
                s.close(); // deregisters every key, so blocked flushes and mode switches go on
            } catch (IOException ignored) {
                // a selector that fails to close holds no socket of ours
            }
        } finally {
            lock.unlock();
        }
        for (Registration r : regs) {
            r.fail(failure);
        }
        Flush f;
        while ((f = flushes.poll()) != null) {
            f.done = true;
            LockSupport.unpark(f.caller);
        }
    }
}
