package org.sockets.api.spi;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
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
     * A call's I/O failure with the operation and endpoint in it, as the
     * {@link org.sockets.api.Endpoint} contract promises for every I/O error. The JDK words many
     * failures without them ({@code "Broken pipe"}, {@code "Connection reset"}), and gives
     * {@link AsynchronousCloseException} and {@link ClosedByInterruptException} no message at all.
     * The exception's type never changes, because callers catch by type:
     * <ul>
     * <li>an {@link IOException} or {@link SocketException} of exactly that class is replaced by
     * one of the same class whose message ends with {@code ": " + what}, the original as its
     * cause;</li>
     * <li>{@link AsynchronousCloseException} and {@link ClosedByInterruptException}, which have no
     * message constructor, are replaced by a new exception of the same class whose cause says what
     * happened ({@code "recv on ...: closed by another thread during the call"}) and has the original
     * as its own cause. A subclass with a message was rejected: code that compares classes, and
     * stack traces read by people, would show a type the JDK does not have;</li>
     * <li>anything else ({@link java.net.SocketTimeoutException}, {@link EndpointClosedException},
     * subtypes whose messages a transport already builds) is returned as it is, and so is an
     * exception that already names {@code what}.</li>
     * </ul>
     *
     * @param e    the failure
     * @param what the operation and endpoint, e.g. {@code "recv on INET/STREAM endpoint 127.0.0.1:5 -> 127.0.0.1:6"}
     * @return the exception to throw
     */
    public static IOException withContext(IOException e, String what) {
        if (e instanceof AsynchronousCloseException) {
            Throwable c = e.getCause();
            if (c != null && c.getMessage() != null && c.getMessage().startsWith(what)) {
                return e;
            }
            boolean interrupted = e instanceof ClosedByInterruptException;
            AsynchronousCloseException x = interrupted ? new ClosedByInterruptException() : new AsynchronousCloseException();
            x.initCause(new IOException(what + (interrupted
                    ? ": the thread was interrupted, which closed the endpoint"
                    : ": closed by another thread during the call"), e));
            return x;
        }
        String m = e.getMessage();
        if (m != null && m.contains(what)) {
            return e;
        }
        String text = (m == null ? "" : m + ": ") + what;
        if (e.getClass() == SocketException.class) {
            SocketException x = new SocketException(text);
            x.initCause(e);
            return x;
        }
        if (e.getClass() == IOException.class) {
            return new IOException(text, e);
        }
        return e;
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
