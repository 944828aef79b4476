package org.sockets.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/** Parsing and printing of IP literals and host names, without any look-up. */
final class Literals {

    private Literals() {
    }

    /** Parses IPv4 or IPv6 text, with an optional %scope (number or interface name). */
    static InetAddress parse(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int pct = s.indexOf('%');
        String scope = pct < 0 ? null : s.substring(pct + 1);
        String bare = pct < 0 ? s : s.substring(0, pct);
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(bare);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid IP address: '" + printable(text) + "'", e);
        }
        if (bare.indexOf(':') < 0 || bare.indexOf('.') >= 0) {
            // IPv4 text in every form inet_aton takes (a.b.c.d, a.b.c, a.b, one number), alone
            // or at the end of IPv6 text (::ffff:010.0.0.1); IPv6's own groups are hex to everyone
            checkNoLeadingZero(bare.substring(bare.lastIndexOf(':') + 1), text);
        }
        if (scope == null) {
            return ip;
        }
        if (!(ip instanceof Inet6Address) || bare.indexOf(':') < 0) {
            throw new IllegalArgumentException("a scope (%" + printable(scope) + ") is only allowed on IPv6 addresses: '" + printable(text) + "'");
        }
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("empty scope after '%' in '" + printable(text) + "'");
        }
        try {
            // ASCII digits only: Character.isDigit (and Integer.parseInt) also take other scripts' digits
            if (scope.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Inet6Address.getByAddress(null, ip.getAddress(), Integer.parseInt(scope));
            }
            NetworkInterface nif = NetworkInterface.getByName(scope);
            if (nif == null) {
                throw new IllegalArgumentException("no network interface named '" + printable(scope) + "' for the scope of '" + printable(text) + "'");
            }
            return byInterface(ip.getAddress(), nif, text);
        } catch (UnknownHostException | SocketException | NumberFormatException e) {
            throw new IllegalArgumentException("bad scope '" + printable(scope) + "' in '" + printable(text) + "'", e);
        }
    }

    /**
     * An IPv6 address scoped to an interface. The JDK copies the scope id from an address of the
     * same kind (link-local, site-local) that the interface has, and refuses the interface when it
     * has none ({@code fe80::1%lo}); the kernel, and Python, take the interface's index whatever
     * addresses it has, so that is the fallback.
     */
    private static InetAddress byInterface(byte[] address, NetworkInterface nif, String text) throws UnknownHostException {
        try {
            return Inet6Address.getByAddress(null, address, nif);
        } catch (UnknownHostException e) {
            if (nif.getIndex() <= 0) {
                throw new IllegalArgumentException("network interface '" + printable(nif.getName()) + "' has no index for the scope of '"
                        + printable(text) + "'", e);
            }
            return Inet6Address.getByAddress(null, address, nif.getIndex());
        }
    }

    /**
     * Rejects an IPv4 part with a leading zero: C resolvers (inet_aton, hence Python's connect)
     * read {@code 010} as octal 8, the JDK as decimal 10, so the same text would name two hosts.
     */
    private static void checkNoLeadingZero(String dotted, String text) {
        String[] parts = dotted.split("\\.", -1);
        for (String part : parts) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new IllegalArgumentException("ambiguous IPv4 address '" + printable(text) + "': "
                        + (parts.length == 1 ? "the number" : "part '" + part + "'")
                        + " has a leading zero (octal to C resolvers, decimal to Java)");
            }
        }
    }

    /**
     * Strict IPv4 dotted-quad text as {@code inet_pton(AF_INET)} takes it: four decimal parts of
     * 0 to 255, no leading zeros.
     */
    static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Strips a host name from an address so that records compare by address only. */
    static InetAddress bare(InetAddress ip) {
        try {
            if (ip instanceof Inet6Address v6) {
                if (v6.getScopedInterface() != null) {
                    return Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopedInterface());
                }
                return Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopeId());
            }
            return InetAddress.getByAddress(ip.getAddress());
        } catch (UnknownHostException e) {
            throw new AssertionError("an address's own bytes are an address", e);
        }
    }

    /**
     * Dotted quad, or RFC 5952 text (longest zero run compressed, lower case) with %scope; an
     * IPv4-mapped or IPv4-compatible address ends in a dotted quad, as glibc's inet_ntop (and so
     * Python) prints it.
     */
    static String format(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        Inet6Address v6 = (Inet6Address) ip;
        return format6(v6.getAddress()) + scopeSuffix(v6);
    }

    private static String scopeSuffix(Inet6Address v6) {
        if (v6.getScopedInterface() != null) {
            return "%" + v6.getScopedInterface().getName();
        }
        return v6.getScopeId() != 0 ? "%" + v6.getScopeId() : "";
    }

    private static String format6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952 4.2.2: a single zero field is not compressed
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestStart == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
            // glibc's rule: ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped)
            return (bestLen == 5 ? "::ffff:" : "::") + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    /** Rejects host names with characters or lengths no resolver accepts, naming the fault. */
    static void checkHostName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("host name is empty; use \"\" through Address.of for any address");
        }
        // a trailing dot (a rooted name) is not part of the 253 characters
        if (name.length() - (name.endsWith(".") ? 1 : 0) > 253) {
            throw new IllegalArgumentException("host name is longer than 253 characters: '" + printable(name.substring(0, 40)) + "...'");
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 && i != name.length()) {
                    throw new IllegalArgumentException("host name has an empty label: '" + printable(name) + "'");
                }
                if (len > 63) {
                    throw new IllegalArgumentException("host name label longer than 63 characters in '" + printable(name) + "'");
                }
                labelStart = i + 1;
                continue;
            }
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("host name '" + printable(name) + "' has a character not allowed in a host name at index " + i + ": " + printable(String.valueOf(c)));
            }
        }
    }

    /**
     * Python's {@code repr} of a {@code str}: single quotes unless the text has one and no double
     * quote; backslash escapes for the quote, backslash, tab, newline, return, and every code
     * point {@code str.isprintable()} refuses (controls, format, separators other than space,
     * surrogates, private use, unassigned); other non-ASCII text as it is.
     */
    static String pythonRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append((char) c);
                    } else if (c == ' ' || isPrintable(c)) {
                        sb.appendCodePoint(c);
                    } else if (c < 0x100) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (c < 0x10000) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return sb.append(quote).toString();
    }

    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code repr} of a {@code bytes}: printable ASCII as it is, other bytes as {@code \xNN}. */
    static String pythonRepr(byte[] b) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : b) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append((char) c);
                    } else if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
