package org.sockets.protocol;

import java.nio.charset.StandardCharsets;

/** Text for logs and messages: control characters escaped, long text cut. */
final class Printable {

    /** The most characters of one line put in a log line or a message. */
    static final int MAX = 2048;

    private Printable() {
    }

    static String escape(byte[] bytes, int offset, int length) {
        String s = new String(bytes, offset, Math.min(length, MAX * 4), StandardCharsets.UTF_8);
        return escape(s) + (length > MAX * 4 ? "…(" + length + " bytes)" : "");
    }

    static String escape(byte[] bytes) {
        return escape(bytes, 0, bytes.length);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (b.length() >= MAX) {
                return b.append("…(").append(s.length()).append(" chars)").toString();
            }
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(switch (c) {
                    case '\r' -> "\\r";
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    default -> String.format("\\x%02x", (int) c);
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
