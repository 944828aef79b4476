package org.sockets.protocol.testkit;

import java.io.IOException;

/** The I/O failure a {@link FailingConnector} injects: what a torture test expects to see. */
public final class InjectedFailureException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * An injected failure.
     *
     * @param message which call failed
     */
    public InjectedFailureException(String message) {
        super(message);
    }
}
