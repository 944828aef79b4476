package org.sockets.unix.internal;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * How {@link Thread#interrupt()} reaches a platform thread blocked in a system call on an
 * endpoint: {@code Thread.interrupt()} does not end a system call, and the JDK lets only an
 * {@link AbstractInterruptibleChannel} register to hear of it ({@code begin()} before the call,
 * {@code end(boolean)} after, the protocol every JDK channel follows). This one is never used as
 * a channel: hearing of the interrupt, it closes the endpoint, whose close shuts the socket down
 * and so ends the call; {@link #exit} then throws {@link java.nio.channels.ClosedByInterruptException}
 * — what a JDK channel does on interrupt. One per endpoint; it closes the endpoint at most once.
 */
final class InterruptHook extends AbstractInterruptibleChannel {

    private final Runnable close;

    /**
     * A hook for one endpoint.
     *
     * @param close the endpoint's close: must not block, must not throw
     */
    InterruptHook(Runnable close) {
        this.close = close;
    }

    /** Before a blocking call: an interrupt from now on (or one pending) closes the endpoint. */
    void enter() {
        begin();
    }

    /**
     * After the call, in a {@code finally}.
     *
     * @param completed whether the call completed (a result, not an error)
     * @throws java.nio.channels.ClosedByInterruptException if this thread's interrupt closed the endpoint
     * @throws AsynchronousCloseException if another thread's interrupt did and the call did not complete
     */
    void exit(boolean completed) throws AsynchronousCloseException {
        end(completed);
    }

    @Override
    protected void implCloseChannel() {
        close.run();
    }
}
