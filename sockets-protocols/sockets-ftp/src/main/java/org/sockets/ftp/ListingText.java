package org.sockets.ftp;

import java.util.Objects;

/** Small scanners the listing parsers share; none allocates or throws on any input. */
final class ListingText {

    private ListingText() {
    }

    /** Whether the line can be read at all; null is misuse, not hostile text. */
    static boolean readable(String line) {
        Objects.requireNonNull(line, "line");
        return !line.isEmpty() && line.length() <= ListingFormat.MAX_LINE_LENGTH;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether {@code s[from, to)} is one or more ASCII digits. */
    static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code s[from, to)} as a non-negative long, or -1 when it is not digits or overflows a long. */
    static long number(String s, int from, int to) {
        if (!digits(s, from, to)) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** {@code s[from, to)} as a small non-negative int (at most 9 digits), or -1. */
    static int smallNumber(String s, int from, int to) {
        return to - from > 9 ? -1 : (int) number(s, from, to);
    }

    /** The index of the first character at or after {@code from} that is not a blank. */
    static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the first blank at or after {@code from}, or the length. */
    static int skipWord(String s, int from) {
        int i = from;
        while (i < s.length() && !isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * A time {@code h:mm} or {@code hh:mm} in {@code s[from, to)} as minutes of the day, or -1.
     */
    static int clockTime(String s, int from, int to) {
        int colon = s.indexOf(':', from);
        if (colon < 0 || colon >= to || colon - from < 1 || colon - from > 2 || to - colon != 3) {
            return -1;
        }
        int h = smallNumber(s, from, colon);
        int m = smallNumber(s, colon + 1, to);
        return h < 0 || h > 23 || m < 0 || m > 59 ? -1 : h * 60 + m;
    }
}
