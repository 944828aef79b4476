package org.sockets.xmlrpc.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sockets.xmlrpc.XmlRpcLimits;

/**
 * Encodes a {@code methodCall} document (UTF-8), refusing with {@link IllegalArgumentException}
 * every value XML-RPC cannot carry, so nothing is sent for a bad call.
 */
public final class XmlRpcWriter {

    /** Nesting beyond this is refused, as on reading: recursion this deep is safe on any stack, and no real call nests so. */
    static final int MAX_DEPTH = XmlRpcLimits.MAX_DEPTH;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

    private final StringBuilder out = new StringBuilder(256);
    private final boolean allowNone;
    /** Containers being written, to refuse a list or map that holds itself (as Python does). */
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private XmlRpcWriter(boolean allowNone) {
        this.allowNone = allowNone;
    }

    /**
     * The {@code methodCall} document for a call.
     *
     * @param method    the method name
     * @param params    the parameters
     * @param allowNone whether null may be sent as {@code <nil/>}
     * @return the document, UTF-8
     * @throws IllegalArgumentException if the name or a parameter cannot be encoded (the message
     *         names the parameter and the value's place in it)
     */
    public static byte[] methodCall(String method, List<?> params, boolean allowNone) {
        checkMethodName(method);
        Objects.requireNonNull(params, "params");
        XmlRpcWriter w = new XmlRpcWriter(allowNone);
        StringBuilder out = w.out;
        out.append("<?xml version=\"1.0\"?>\n<methodCall>\n<methodName>");
        escape(method, out, "method name");
        out.append("</methodName>\n<params>\n");
        for (int i = 0; i < params.size(); i++) {
            out.append("<param>");
            w.value(params.get(i), "parameter " + (i + 1), 0);
            out.append("</param>\n");
        }
        out.append("</params>\n</methodCall>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a method name: not empty, and only characters XML 1.0 can carry.
     *
     * @param method the name
     * @throws IllegalArgumentException otherwise
     */
    public static void checkMethodName(String method) {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("an XML-RPC method name must not be empty");
        }
        escape(method, new StringBuilder(), "method name");
    }

    private void value(Object v, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(where + " nests arrays and structs deeper than " + MAX_DEPTH);
        }
        out.append("<value>");
        switch (v) {
            case null -> {
                if (!allowNone) {
                    throw new IllegalArgumentException(where + " is null: XML-RPC has no null unless allowNone"
                            + " (the nil extension, Python's allow_none) is enabled");
                }
                out.append("<nil/>");
            }
            case Integer i -> out.append("<int>").append(i).append("</int>");
            case Short s -> out.append("<int>").append(s).append("</int>");
            case Byte b -> out.append("<int>").append(b).append("</int>");
            case Long l -> {
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(where + " is " + l + ": XML-RPC's int has 32 bits ("
                            + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + "); send it as a string or double");
                }
                out.append("<int>").append(l).append("</int>");
            }
            case Boolean b -> out.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
            case String s -> {
                out.append("<string>");
                escape(s, out, where);
                out.append("</string>");
            }
            case Double d -> out.append("<double>").append(decimal(d, Double.toString(d), where)).append("</double>");
            // A float's own shortest form, so 0.1f goes as 0.1 and not as 0.10000000149011612.
            case Float f -> out.append("<double>").append(decimal(f, Float.toString(f), where)).append("</double>");
            case LocalDateTime t -> out.append("<dateTime.iso8601>").append(dateTime(t, where)).append("</dateTime.iso8601>");
            case byte[] b -> out.append("<base64>").append(Base64.getEncoder().encodeToString(b)).append("</base64>");
            case Map<?, ?> m -> struct(m, where, depth);
            case List<?> l -> array(l, where, depth);
            case Object[] a -> array(java.util.Arrays.asList(a), where, depth);
            default -> throw new IllegalArgumentException(where + " is a " + v.getClass().getName()
                    + ", which XML-RPC cannot carry: use Integer, Boolean, String, Double, LocalDateTime, byte[],"
                    + " Map<String, ?>, List or Object[] (or null with allowNone)");
        }
        out.append("</value>");
    }

    private void struct(Map<?, ?> m, String where, int depth) {
        enter(m, where);
        out.append("<struct>");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new IllegalArgumentException(where + " is a map with the key " + e.getKey()
                        + (e.getKey() == null ? "" : " (" + e.getKey().getClass().getName() + ")")
                        + ": struct member names are strings");
            }
            out.append("<member><name>");
            escape(name, out, where + ", member name " + name);
            out.append("</name>");
            value(e.getValue(), where + ", member " + name, depth + 1);
            out.append("</member>");
        }
        out.append("</struct>");
        open.remove(m);
    }

    private void array(List<?> l, String where, int depth) {
        enter(l, where);
        out.append("<array><data>");
        for (int i = 0; i < l.size(); i++) {
            value(l.get(i), where + ", element " + i, depth + 1);
        }
        out.append("</data></array>");
        open.remove(l);
    }

    private void enter(Object container, String where) {
        if (!open.add(container)) {
            throw new IllegalArgumentException(where + " contains itself: XML-RPC cannot carry a recursive structure");
        }
    }

    /** Plain decimal notation with a point, as the XML-RPC specification writes a double. */
    static String decimal(double d, String shortest, String where) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(where + " is " + d + ": XML-RPC's double has no NaN or infinity"
                    + " (Python sends 'nan'/'inf', which the specification does not allow)");
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    static String dateTime(LocalDateTime t, String where) {
        if (t.getNano() != 0) {
            throw new IllegalArgumentException(where + " is " + t + ": dateTime.iso8601 carries whole seconds;"
                    + " truncate it first (t.truncatedTo(ChronoUnit.SECONDS))");
        }
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException(where + " is " + t + ": dateTime.iso8601 has four-digit years (0 to 9999)");
        }
        return DATE_TIME.format(t);
    }

    /**
     * Appends text escaped for XML: {@code & < >} as entities, CR as {@code &#13;} (a parser would
     * turn a raw CR into LF); a character XML 1.0 cannot carry at all (most C0 controls, U+FFFE,
     * U+FFFF, a lone surrogate) is refused, where Python would send a document no parser accepts.
     */
    static void escape(String s, StringBuilder out, String where) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw refused(s, i, where);
                    }
                    if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw refused(s, i, where);
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw refused(s, i, where);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static IllegalArgumentException refused(String s, int i, String where) {
        return new IllegalArgumentException(String.format("%s holds U+%04X at index %d, which XML 1.0 cannot carry",
                where, (int) s.charAt(i), i));
    }
}
