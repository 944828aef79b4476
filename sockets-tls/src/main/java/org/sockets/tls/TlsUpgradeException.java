package org.sockets.tls;

import java.io.IOException;
import java.io.Serial;

/**
 * A STARTTLS upgrade was refused before anything was sent: the caller's read buffer still held
 * bytes that arrived in clear after the upgrade command, which an attacker may have injected
 * (curl CVE-2021-22947, Mutt CVE-2020-14954). The connection must be abandoned.
 */
public final class TlsUpgradeException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int unconsumed;

    /**
     * Creates the exception.
     *
     * @param message    what was refused
     * @param unconsumed how many bytes were buffered
     */
    public TlsUpgradeException(String message, int unconsumed) {
        super(message);
        this.unconsumed = unconsumed;
    }

    /**
     * How many plain bytes were buffered when the upgrade was asked for.
     *
     * @return the count, at least 1
     */
    public int unconsumed() {
        return unconsumed;
    }
}
