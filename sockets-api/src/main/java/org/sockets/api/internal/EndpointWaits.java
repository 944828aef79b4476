package org.sockets.api.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.util.function.Supplier;
import org.sockets.api.Deadline;

/**
 * The two directions of one endpoint's JDK channel: their turns and readiness waits, and the
 * channel's one switch to non-blocking mode. TCP and UDP endpoints each hold one, and make every
 * blocking call as
 * {@snippet :
 * try (ReadinessWait.Turn t = waits.readTurn(channel, deadline, what)) {
 *     return t.retryCount(channel, SelectionKey.OP_READ, deadline, what, dst, READ);
 * }
 * }
 *
 * <p>Three questions the transports used to answer differently are settled here, once:
 * <ul>
 * <li><b>Created eagerly</b>, with the endpoint. Every call holds its direction's turn, blocking
 * calls too (the turn is what keeps the mode fixed during a call, and what a second reader waits
 * for within its deadline), so the waits are needed from the first call. They cost two small
 * objects and a lock each; no descriptor until a wait happens.</li>
 * <li><b>Closed without their turns.</b> {@link #close()} never waits for a call: the
 * {@code Endpoint} contract says blocking calls hold nothing close needs. A call waiting in
 * {@link ReadinessWait} when its wait is closed sees the channel closed (endpoints close the
 * channel first) and ends with {@code AsynchronousCloseException}; one that registers after the
 * close finds the channel closed and ends the same way, and releases the socket itself
 * (see {@link ReadinessWait#close()}). Taking the turns first, as UDP did, made close wait for a
 * call in progress, which could be waiting for the other turn within its own deadline.</li>
 * <li><b>{@code ClosedSelectorException} is mapped in one place</b>, {@link ReadinessWait}: the
 * only way a wait is cancelled under a call is the endpoint's close, so it is an
 * {@code AsynchronousCloseException}. TCP did not map it (it could not happen there), UDP did
 * (its switch back to blocking mode closed waits under calls; that switch no longer exists).</li>
 * </ul>
 * See docs/decisions/2026-12-06-waits-eager.md, 2026-12-06-waits-close-without-turns.md and
 * 2026-12-06-closed-selector-mapping.md.
 */
public final class EndpointWaits {

    private final ReadinessWait read;
    private final ReadinessWait write;
    /**
     * Serializes mode switches. Never the lock {@code close()} takes: the JDK's
     * {@code configureBlocking} can wait for a blocking call in progress, which close ends.
     */
    private final Object modeLock = new Object();

    /**
     * The waits of a new endpoint.
     *
     * @param endpoint closed when a thread is interrupted in one of its calls
     */
    public EndpointWaits(Closeable endpoint) {
        this.read = new ReadinessWait(endpoint);
        this.write = new ReadinessWait(endpoint);
    }

    /**
     * The read direction's wait, for a turn without a mode switch.
     *
     * @return the wait
     */
    public ReadinessWait read() {
        return read;
    }

    /**
     * The write direction's wait, for a turn without a mode switch.
     *
     * @return the wait
     */
    public ReadinessWait write() {
        return write;
    }

    /**
     * Takes the read turn for a call on {@code channel}, first making the channel non-blocking
     * for good if the deadline is bounded (see {@link #nonBlocking}).
     *
     * @param channel  the endpoint's channel
     * @param deadline the call's deadline; waiting for turns counts against it
     * @param what     the operation and endpoint, for messages (built only if needed)
     * @return the held turn
     * @throws IOException if the deadline passes first, the thread is interrupted, or the switch fails
     */
    public ReadinessWait.Turn readTurn(SelectableChannel channel, Deadline deadline, Supplier<String> what) throws IOException {
        if (deadline.isBounded()) {
            nonBlocking(channel, deadline, what);
        }
        return read.turn(deadline, what);
    }

    /**
     * Takes the write turn for a call on {@code channel}, first making the channel non-blocking
     * for good if the deadline is bounded.
     *
     * @param channel  the endpoint's channel
     * @param deadline the call's deadline
     * @param what     the operation and endpoint, for messages
     * @return the held turn
     * @throws IOException as {@link #readTurn}
     */
    public ReadinessWait.Turn writeTurn(SelectableChannel channel, Deadline deadline, Supplier<String> what) throws IOException {
        if (deadline.isBounded()) {
            nonBlocking(channel, deadline, what);
        }
        return write.turn(deadline, what);
    }

    /**
     * Makes the channel non-blocking for good, before a bounded call takes its turn. From then
     * on calls without a limit wait for readiness without one, as the JDK's {@code NioSocketImpl}
     * does once a timeout was used. Switching back per call would tie the directions together:
     * the JDK's {@code configureBlocking} waits for a blocking call in progress, so an unbounded
     * reader would hold up a bounded writer, or the reverse. The switch takes both turns, read
     * first, within the deadline: no blocking call of ours is then inside the JDK, so the JDK's
     * switch does not wait. See docs/decisions/2026-12-06-sticky-non-blocking.md.
     */
    private void nonBlocking(SelectableChannel channel, Deadline deadline, Supplier<String> what) throws IOException {
        if (!channel.isBlocking()) {
            return; // the common case once switched: no turns taken
        }
        try (ReadinessWait.Turn r = read.turn(deadline, what); ReadinessWait.Turn w = write.turn(deadline, what)) {
            synchronized (modeLock) {
                if (channel.isBlocking()) {
                    channel.configureBlocking(false);
                }
            }
        }
    }

    /** A piece of work that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoRunnable {
        /**
         * Runs it.
         *
         * @throws IOException on failure
         */
        void run() throws IOException;
    }

    /**
     * Runs {@code work} with no mode switch happening meanwhile (UDP's connect switches briefly
     * to drain the queue, holding the read turn).
     *
     * @param work what to run
     * @throws IOException what it throws
     */
    public void withModeFixed(IoRunnable work) throws IOException {
        synchronized (modeLock) {
            work.run();
        }
    }

    /**
     * Wakes both directions' waiting calls and closes their waits, without taking the turns (see
     * the class comment). Call after closing the channel.
     */
    public void close() {
        read.wakeup();
        write.wakeup();
        // Deregistering releases the socket: the JDK closes a registered channel's descriptor
        // only once its key leaves the selector.
        read.close();
        write.close();
    }
}
