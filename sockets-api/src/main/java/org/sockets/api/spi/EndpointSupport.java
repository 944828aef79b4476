package org.sockets.api.spi;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;

/**
 * Checks and messages that transports' {@link org.sockets.api.Endpoint} implementations share, so
 * that every transport validates timeouts and words its state errors the same way. Static methods
 * only, not a base class: each transport keeps its own state, locking and checks, and calls these
 * where its logic is the same as the others'.
 */
public final class EndpointSupport {

    private EndpointSupport() {
    }

    /**
     * Validates the argument of {@link org.sockets.api.Endpoint#timeout(Duration)}.
     *
     * @param timeout the timeout a caller asked for
     * @return {@code timeout}, for assignment
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if it is zero or negative (the message points at
     *                                  {@code blocking()} for waiting without limit)
     */
    public static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout + "; use blocking() to wait without limit");
        }
        return timeout;
    }

    /**
     * Closes a channel or stream, ignoring the failure: for cleanup paths where the close cannot
     * change the outcome (closing a socket fails only if its descriptor is already gone).
     *
     * @param resource what to close; {@code null} is ignored
     */
    public static void closeQuietly(Closeable resource) {
        if (resource != null) {
            try {
                resource.close();
            } catch (IOException ignored) {
                // nothing to do: the resource is as closed as it will get
            }
        }
    }

    /**
     * The exception for an operation on a closed endpoint: {@code "op: endpoint is closed"}.
     *
     * @param op       the operation, as the user called it ({@code "recv"}, {@code "connect"}, ...)
     * @param endpoint the endpoint, shown by its {@code toString()}
     * @return the exception, for the caller to throw
     */
    public static EndpointClosedException closed(String op, Object endpoint) {
        return new EndpointClosedException(op + ": " + endpoint + " is closed");
    }

    /**
     * The exception for an operation an endpoint's current state does not allow:
     * {@code "op: endpoint is bound; op needs it new (not bound) or connected"}.
     *
     * @param <S>      the transport's own state type
     * @param op       the operation, as the user called it
     * @param endpoint the endpoint, shown by its {@code toString()}
     * @param current  the state it is in
     * @param allowed  the states the operation needs
     * @return the exception, for the caller to throw
     */
    @SafeVarargs
    public static <S extends Enum<S>> EndpointStateException wrongState(String op, Object endpoint, S current, S... allowed) {
        return new EndpointStateException(op + ": " + endpoint + " is " + describe(current) + "; " + op + " needs it "
                + String.join(" or ", Arrays.stream(allowed).map(EndpointSupport::describe).toList()));
    }

    /**
     * How a state reads in messages: a constant named {@code OPEN} is {@code "new (not bound)"}
     * (Python's word for a socket before bind or connect), any other its name in lower case
     * ({@code BOUND} is {@code "bound"}, {@code LISTENING} is {@code "listening"}).
     *
     * @param state a transport's state constant
     * @return its description
     */
    public static String describe(Enum<?> state) {
        return state.name().equals("OPEN") ? "new (not bound)" : state.name().toLowerCase(Locale.ROOT);
    }
}
