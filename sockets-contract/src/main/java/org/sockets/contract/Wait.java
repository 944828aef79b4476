package org.sockets.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/** How a blocking call is bounded: not at all, by the endpoint's timeout, or by a deadline of its own. */
public enum Wait {
    /** No timeout, the plain call. */
    BLOCKING,
    /** The endpoint's {@link Endpoint#timeout(Duration)}, the plain call. */
    TIMEOUT,
    /** The call's own {@link Deadline}; the endpoint has no timeout. */
    DEADLINE;

    /** Long enough never to pass while a test waits to wake the call another way. */
    static final Duration LONG = Duration.ofSeconds(30);

    /** Sets the endpoint up for this way of waiting with a long bound. */
    void prepare(Endpoint e) {
        if (this == TIMEOUT) {
            e.timeout(LONG);
        } else {
            e.blocking();
        }
    }

    /** Receives this way. */
    int recv(Endpoint e, ByteBuffer dst) throws IOException {
        return this == DEADLINE ? e.recv(dst, Deadline.after(LONG)) : e.recv(dst);
    }

    /** Sends what the system takes now this way. */
    int send(Endpoint e, ByteBuffer src) throws IOException {
        return this == DEADLINE ? e.send(src, Deadline.after(LONG)) : e.send(src);
    }

    /** Sends all of {@code src} this way. */
    void sendAll(Endpoint e, ByteBuffer src) throws IOException {
        if (this == DEADLINE) {
            e.sendAll(src, Deadline.after(LONG));
        } else {
            e.sendAll(src);
        }
    }
}
