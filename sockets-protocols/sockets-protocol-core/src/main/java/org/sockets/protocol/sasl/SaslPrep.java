package org.sockets.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import javax.security.sasl.SaslException;

/**
 * SASLprep (RFC 4013, the stringprep profile SCRAM applies to names and passwords) for queries:
 * non-ASCII spaces become U+0020, "mapped to nothing" characters go, NFKC, then the prohibited
 * code points (controls, private use, non-characters, surrogates, tagging, directional controls)
 * and the bidi rule refuse the string; unassigned code points pass, as RFC 3454 allows for
 * queries. Printable ASCII, by far the common case, passes unchanged without a copy in a String.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    static String prepare(String s, String what) throws SaslException {
        return prepared(s, what);
    }

    /** The prepared password as UTF-8; the caller zeroes both arrays. */
    static byte[] prepare(char[] s, String what) throws SaslException {
        boolean ascii = true;
        for (char c : s) {
            ascii &= c >= 0x20 && c < 0x7f;
        }
        if (ascii) {
            byte[] b = new byte[s.length];
            for (int i = 0; i < s.length; i++) {
                b[i] = (byte) s[i];
            }
            return b;
        }
        // Normalizer needs a CharSequence and gives a String: non-ASCII passwords cost one
        // short-lived String.
        return prepared(java.nio.CharBuffer.wrap(s), what).getBytes(StandardCharsets.UTF_8);
    }

    private static String prepared(CharSequence s, String what) throws SaslException {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                throw new SaslException("the " + what + " holds a lone surrogate (SASLprep prohibits it)");
            }
            if (nonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!mappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        }
        String n = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean randAL = false;
        boolean l = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (prohibited(cp)) {
                throw new SaslException("the " + what + " holds U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)
                        + ", which SASLprep prohibits");
            }
            byte dir = Character.getDirectionality(cp);
            randAL |= dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            l |= dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        if (randAL && (l || !rtl(n.codePointAt(0)) || !rtl(n.codePointBefore(n.length())))) {
            throw new SaslException("the " + what + " mixes right-to-left and left-to-right text in a way SASLprep (RFC 3454 section 6) prohibits");
        }
        return n;
    }

    private static boolean rtl(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean nonAsciiSpace(int cp) {
        return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** RFC 3454 table B.1. */
    private static boolean mappedToNothing(int cp) {
        return cp == 0xAD || cp == 0x34F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D) || (cp >= 0x200B && cp <= 0x200D)
                || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 3454 tables C.2.1 to C.9 (C.1.2 is mapped away before). */
    private static boolean prohibited(int cp) {
        return cp < 0x20 || cp == 0x7F                                                       // C.2.1
                || (cp >= 0x80 && cp <= 0x9F) || cp == 0x6DD || cp == 0x70F || cp == 0x180E  // C.2.2
                || cp == 0x200C || cp == 0x200D || cp == 0x2028 || cp == 0x2029
                || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD)         // C.3
                || (cp >= 0x100000 && cp <= 0x10FFFD)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE                   // C.4
                || (cp >= 0xD800 && cp <= 0xDFFF)                                            // C.5
                || cp == 0xFFFD                                                               // C.6
                || (cp >= 0x2FF0 && cp <= 0x2FFB)                                            // C.7
                || cp == 0x340 || cp == 0x341 || cp == 0x200E || cp == 0x200F                // C.8
                || (cp >= 0x202A && cp <= 0x202E)
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);                        // C.9
    }
}
