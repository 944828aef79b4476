package org.sockets.protocol;

import java.util.Objects;

/**
 * A POP3-style status line: {@code +OK text} or {@code -ERR text} (also {@code +} alone, the SASL
 * continuation, with its base64 text).
 *
 * @param status {@code "+OK"}, {@code "-ERR"} or {@code "+"}
 * @param text   what followed the status and one space, possibly empty
 */
public record StatusReply(String status, String text) {

    /** Checks the parts. */
    public StatusReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Whether the status is positive ({@code +OK} or {@code +}).
     *
     * @return {@code true} unless {@code -ERR}
     */
    public boolean isPositive() {
        return status.startsWith("+");
    }

    /**
     * This reply if positive, else a {@link NegativeReplyException}.
     *
     * @param command what was asked, masked
     * @return this reply
     * @throws NegativeReplyException on {@code -ERR}
     */
    public StatusReply expectOk(String command) throws NegativeReplyException {
        if (!isPositive()) {
            throw new NegativeReplyException(command, status, text);
        }
        return this;
    }
}
