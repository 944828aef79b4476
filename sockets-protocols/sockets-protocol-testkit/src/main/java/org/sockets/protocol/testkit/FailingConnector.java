package org.sockets.protocol.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.protocol.Connector;

/**
 * A {@link Connector} whose endpoints fail the N-th I/O call of a session — connect, each
 * {@code recv}, each {@code send} counted in order — with an {@link InjectedFailureException},
 * for torture tests: run a session once with {@link #counting(Connector)} to learn how many calls
 * it makes, then once per call with {@link #failingCall(Connector, int)}.
 *
 * {@snippet :
 * FailingConnector probe = FailingConnector.counting(Connector.tcp());
 * runSession(options.withConnector(probe));
 * for (int n = 1; n <= probe.calls(); n++) {
 *     FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
 *     assertThrows(IOException.class, () -> runSession(options.withConnector(f)));
 * }
 * }
 *
 * <p>A failed {@code recv} or {@code send} closes the wrapped endpoint first, as a reset would.
 */
public final class FailingConnector implements Connector {

    private final Connector delegate;
    private final int failAt;
    /** Only calls of this kind count towards {@link #failAt}; null for every call. */
    private final String kind;
    private final List<String> calls = new ArrayList<>();
    private int counted;

    private FailingConnector(Connector delegate, int failAt, String kind) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.failAt = failAt;
        this.kind = kind;
    }

    /**
     * A connector that fails nothing and counts the calls.
     *
     * @param delegate the real connector
     * @return the connector
     */
    public static FailingConnector counting(Connector delegate) {
        return new FailingConnector(delegate, 0, null);
    }

    /**
     * A connector whose {@code n}-th I/O call fails (1 is the connect).
     *
     * @param delegate the real connector
     * @param n        which call fails, from 1
     * @return the connector
     */
    public static FailingConnector failingCall(Connector delegate, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("calls are counted from 1, not " + n);
        }
        return new FailingConnector(delegate, n, null);
    }

    /**
     * A connector whose {@code n}-th call of one kind fails: the N-th {@code "connect"},
     * {@code "recv"} or {@code "send"}.
     *
     * @param delegate the real connector
     * @param kind     {@code "connect"}, {@code "recv"} or {@code "send"}
     * @param n        which call of that kind fails, from 1
     * @return the connector
     */
    public static FailingConnector failingNth(Connector delegate, String kind, int n) {
        if (!List.of("connect", "recv", "send").contains(kind)) {
            throw new IllegalArgumentException("kinds are connect, recv and send, not " + kind);
        }
        if (n < 1) {
            throw new IllegalArgumentException("calls are counted from 1, not " + n);
        }
        return new FailingConnector(delegate, n, kind);
    }

    /**
     * How many I/O calls were made so far.
     *
     * @return the count
     */
    public synchronized int calls() {
        return calls.size();
    }

    /**
     * The calls made so far, in order, e.g. {@code ["connect", "recv", "send"]}.
     *
     * @return the names
     */
    public synchronized List<String> callNames() {
        return List.copyOf(calls);
    }

    /** Counts a call; throws when it is the one to fail. */
    synchronized void call(String name) throws InjectedFailureException {
        calls.add(name);
        if (kind == null || kind.equals(name)) {
            counted++;
            if (counted == failAt) {
                throw new InjectedFailureException("injected failure of " + (kind == null ? "call " : kind + " ") + failAt
                        + " (call " + calls.size() + ", " + name + ")");
            }
        }
    }

    @Override
    public Endpoint connect(Address address, ConnectOptions options) throws IOException {
        call("connect");
        Endpoint e = delegate.connect(address, options);
        return new FailingEndpoint(e, this);
    }
}
