package org.sockets.protocol;

import java.util.List;
import java.util.Objects;

/**
 * A reply with a three-digit code (FTP, SMTP, NNTP): the code and the text of each line, codes
 * and separators removed.
 *
 * @param code  100 to 599
 * @param lines the text of each line, at least one (possibly empty)
 */
public record Reply(int code, List<String> lines) {

    /** Checks and copies the parts. */
    public Reply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("reply codes run from 100 to 599, not " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /**
     * The text, lines joined with {@code "\n"}.
     *
     * @return the text
     */
    public String text() {
        return String.join("\n", lines);
    }

    /**
     * Whether the code is 1xx, 2xx or 3xx.
     *
     * @return {@code true} unless the server refused (4xx, 5xx)
     */
    public boolean isPositive() {
        return code < 400;
    }

    /**
     * This reply if its code is in {@code [low, high]}, else a {@link NegativeReplyException}.
     *
     * @param command what was asked, masked, for the message
     * @param low     the lowest code accepted
     * @param high    the highest code accepted
     * @return this reply
     * @throws NegativeReplyException if the code is outside the range
     */
    public Reply expect(String command, int low, int high) throws NegativeReplyException {
        Objects.requireNonNull(command, "command");
        if (code < low || code > high) {
            throw new NegativeReplyException(command, Integer.toString(code), text());
        }
        return this;
    }
}
