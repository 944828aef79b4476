package org.sockets.protocol;

/**
 * Strict parsing of numbers a server sends (sizes, counts, ports, message numbers): ASCII digits
 * only — no sign, no spaces, no underscores, no other scripts' digits, which
 * {@link Long#parseLong} or Python's {@code int()} let through — at most 18 of them, and the value
 * checked against a caller's maximum. A size parsed here is a claim: readers never allocate it.
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * Parses a non-negative decimal number.
     *
     * @param text the digits
     * @param max  the largest value accepted (e.g. {@code Integer.MAX_VALUE} for a count)
     * @param what what the number is, for the message ({@code "message size"})
     * @return the value, 0 to {@code max}
     * @throws MalformedReplyException if the text is empty, holds anything but ASCII digits, has
     *         more than 18 digits or exceeds {@code max}
     */
    public static long parse(CharSequence text, long max, String what) throws MalformedReplyException {
        if (text.isEmpty() || text.length() > 18) {
            throw bad(text, what, text.isEmpty() ? "empty" : "more than 18 digits");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                throw bad(text, what, "not an ASCII digit at index " + i);
            }
            value = value * 10 + (ch - '0'); // 18 digits cannot overflow a long
        }
        if (value > max) {
            throw bad(text, what, "more than " + max);
        }
        return value;
    }

    /**
     * Parses a non-negative decimal number that fits an {@code int}.
     *
     * @param text the digits
     * @param what what the number is, for the message
     * @return the value
     * @throws MalformedReplyException as {@link #parse(CharSequence, long, String)}
     */
    public static int parseInt(CharSequence text, String what) throws MalformedReplyException {
        return (int) parse(text, Integer.MAX_VALUE, what);
    }

    private static MalformedReplyException bad(CharSequence text, String what, String why) {
        return new MalformedReplyException(what + " is not a number (" + why + "): \""
                + Printable.escape(text.subSequence(0, Math.min(text.length(), 64)).toString()) + "\"");
    }
}
