package org.sockets.api;

import java.io.Closeable;
import java.util.Objects;

/**
 * Two endpoints connected to each other, as Python's {@code socketpair()} returns.
 *
 * @param first  one end
 * @param second the other end
 */
public record EndpointPair(Endpoint first, Endpoint second) implements Closeable {

    /** Checks both ends are given. */
    public EndpointPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    /** Closes both ends. */
    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
