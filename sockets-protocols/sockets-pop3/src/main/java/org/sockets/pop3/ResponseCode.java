package org.sockets.pop3;

import java.util.Locale;
import java.util.Optional;

/**
 * The extended response codes a POP3 server may put in brackets at the start of a {@code -ERR}
 * text (RFC 2449 §8, RFC 3206), so a client can tell "try later" from "wrong password".
 */
public enum ResponseCode {
    /** {@code [IN-USE]}: the mailbox is locked by another session; try again later. */
    IN_USE("IN-USE"),
    /** {@code [LOGIN-DELAY]}: logged in too recently; wait the server's LOGIN-DELAY. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** {@code [SYS/TEMP]}: a temporary server failure, unrelated to the user. */
    SYS_TEMP("SYS/TEMP"),
    /** {@code [SYS/PERM]}: a permanent server failure; retrying will not help. */
    SYS_PERM("SYS/PERM"),
    /** {@code [AUTH]}: the credentials were wrong (not a system failure). */
    AUTH("AUTH"),
    /** {@code [UTF8]}: the command needs UTF-8 mode (RFC 6856). */
    UTF8("UTF8"),
    /** A bracketed code this client does not know; its text is kept in the exception. */
    OTHER("");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    /**
     * The code as servers write it inside the brackets.
     *
     * @return e.g. {@code "IN-USE"}; empty for {@link #OTHER}
     */
    public String wire() {
        return wire;
    }

    /**
     * The code at the start of a reply text, if it has one: {@code "[IN-USE] locked"} gives
     * {@link #IN_USE}; {@code "[FOO] x"} gives {@link #OTHER}; {@code "locked"} gives empty.
     * RFC 2449 codes are hierarchical ({@code SYS/TEMP/DISK}): the longest known prefix wins.
     *
     * @param text the text after {@code -ERR}
     * @return the code, if the text starts with one in brackets
     */
    public static Optional<ResponseCode> of(String text) {
        Optional<String> raw = raw(text);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String upper = raw.get().toUpperCase(Locale.ROOT);
        for (ResponseCode c : values()) {
            if (c != OTHER && (upper.equals(c.wire) || upper.startsWith(c.wire + "/"))) {
                return Optional.of(c);
            }
        }
        return Optional.of(OTHER);
    }

    /**
     * The bracketed text at the start of a reply, without the brackets.
     *
     * @param text the text after {@code -ERR}
     * @return e.g. {@code "SYS/TEMP"}, if present
     */
    static Optional<String> raw(String text) {
        if (!text.startsWith("[")) {
            return Optional.empty();
        }
        int end = text.indexOf(']');
        if (end < 2 || end > 64) {
            return Optional.empty();
        }
        String inside = text.substring(1, end);
        return inside.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f) ? Optional.of(inside) : Optional.empty();
    }
}
