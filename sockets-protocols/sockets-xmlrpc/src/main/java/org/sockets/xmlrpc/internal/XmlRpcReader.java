package org.sockets.xmlrpc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.xmlrpc.XmlRpcLimits;
import org.sockets.xmlrpc.XmlRpcResult;

/**
 * Decodes a {@code methodResponse} document as it streams in, on the JDK's own StAX parser with
 * DTDs refused (no entity can be declared, so no expansion and no external entity) and every
 * size bounded while it is read: the document ({@link XmlRpcLimits#document()}), the nesting
 * ({@link XmlRpcLimits#depth()}), each string and member name ({@link XmlRpcLimits#string()}),
 * each base64 value ({@link XmlRpcLimits#base64()}) and each scalar's text ({@value #SCALAR}).
 */
public final class XmlRpcReader {

    /** UTF-16 units of an int, double, boolean or date: room for any double written without exponent. */
    static final int SCALAR = 1024;

    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** What Python's float repr writes for the values the specification leaves out. */
    private static final Pattern NON_FINITE = Pattern.compile("(?i)([+-]?)(nan|inf|infinity)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "([0-9]{4})(?:-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
            + "|([0-9]{2})([0-9]{2})T(?:([0-9]{2}):([0-9]{2}):([0-9]{2})|([0-9]{2})([0-9]{2})([0-9]{2})))");

    private final XMLStreamReader r;
    private final XmlRpcLimits limits;
    private final boolean allowNone;
    private int depth;

    private XmlRpcReader(XMLStreamReader r, XmlRpcLimits limits, boolean allowNone) {
        this.r = r;
        this.limits = limits;
        this.allowNone = allowNone;
    }

    /**
     * Reads a whole {@code methodResponse} document, to its end.
     *
     * @param body      the response body; read to its end, not closed
     * @param method    the method called, for a fault
     * @param limits    the limits
     * @param allowNone whether {@code <nil/>} is accepted (as null)
     * @return the value, or the fault
     * @throws MalformedReplyException  if the document is not well-formed XML, not a
     *         {@code methodResponse}, has a DOCTYPE, or holds a value that does not parse
     * @throws LimitExceededException   if a limit is exceeded
     * @throws IOException              if reading the body fails (the body's own exception)
     */
    public static XmlRpcResult readResponse(InputStream body, String method, XmlRpcLimits limits, boolean allowNone)
            throws IOException {
        LimitedInputStream in = new LimitedInputStream(body, limits.document());
        XMLStreamReader r = null;
        try {
            r = factory(limits).createXMLStreamReader(in);
            XmlRpcResult result = new XmlRpcReader(r, limits, allowNone).document(method);
            // The parser met the end of the body to know the document ended; make sure, so the
            // HTTP connection is reusable and nothing the server sent goes unread.
            if (in.read() >= 0) {
                throw new MalformedReplyException("malformed XML-RPC response: bytes after the end of the document");
            }
            return result;
        } catch (XMLStreamException e) {
            if (in.failure() != null) {
                throw in.failure();
            }
            throw new MalformedReplyException("the XML-RPC response is not well-formed XML: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader frees nothing outside it; the body is the caller's
                }
            }
        }
    }

    /**
     * A StAX factory that refuses what XML-RPC never needs. The JDK's own implementation, never
     * one found on the class path, so this configuration means what it says; the JDK's StAX
     * factory always runs in secure-processing mode (it refuses to have
     * {@code FEATURE_SECURE_PROCESSING} set, as it cannot be turned off).
     */
    static XMLInputFactory factory(XmlRpcLimits limits) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // A backstop behind our own count: three elements per level (value, array, data), room for the rest.
        f.setProperty("jdk.xml.maxElementDepth", Integer.toString(3 * limits.depth() + 12));   // depth <= 256
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    private XmlRpcResult document(String method) throws XMLStreamException, IOException {
        start("methodResponse");
        XmlRpcResult result;
        String what = start(null);
        switch (what) {
            case "params" -> {
                start("param");
                start("value");
                result = new XmlRpcResult.Returned(value());
                end("param");
                if (nextTag() == XMLStreamConstants.START_ELEMENT) {
                    throw malformed("a methodResponse has exactly one param, and a second <" + r.getLocalName() + "> came");
                }
                expectName("params");
            }
            case "fault" -> {
                start("value");
                result = fault(method, value());
                end("fault");
            }
            default -> throw malformed("a methodResponse holds <params> or <fault>, not <" + what + ">");
        }
        end("methodResponse");
        while (r.hasNext()) {
            // The rest is comments and whitespace, or the parser refuses it; reading it makes the
            // body end here, so the connection can be reused.
            r.next();
        }
        return result;
    }

    private XmlRpcResult fault(String method, Object v) throws MalformedReplyException {
        XmlRpcResult.Faulted f = asFault(method, v);
        if (f == null) {
            throw new MalformedReplyException("an XML-RPC fault is a struct with an int faultCode and a string faultString, not "
                    + describe(v));
        }
        return f;
    }

    /**
     * A value as a fault: a struct with an int faultCode (an {@code i8} within 32 bits too) and a
     * string faultString; other members are ignored, as Python does.
     *
     * @param method the method called
     * @param v      the value
     * @return the fault, or null if {@code v} is not one
     */
    static XmlRpcResult.Faulted asFault(String method, Object v) {
        if (v instanceof Map<?, ?> m && m.get("faultCode") instanceof Number code && m.get("faultString") instanceof String text
                && (code instanceof Integer || code instanceof Long l && l == l.intValue())) {
            return new XmlRpcResult.Faulted(method, code.intValue(), text);
        }
        return null;
    }

    /** Reads a value whose {@code <value>} start tag was just read, through its end tag. */
    private Object value() throws XMLStreamException, IOException {
        Text text = new Text(limits.string(), "string value");
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.add(r);
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();   // no type element: a string, whitespace and all
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!text.isWhitespace()) {
                        throw malformed("text beside <" + r.getLocalName() + "> in a <value>");
                    }
                    Object v = typed(r.getLocalName());
                    end("value");
                    return v;
                }
                default -> other(e);
            }
        }
    }

    private Object typed(String type) throws XMLStreamException, IOException {
        return switch (type) {
            case "int", "i4" -> (int) integer(type, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "i8" -> integer(type, Long.MIN_VALUE, Long.MAX_VALUE);
            case "boolean" -> switch (scalar(type)) {
                case "0" -> Boolean.FALSE;
                case "1" -> Boolean.TRUE;
                default -> throw malformed("a <boolean> is 0 or 1");
            };
            case "string" -> text(new Text(limits.string(), "string value"));
            case "double" -> dbl(scalar(type));
            case "dateTime.iso8601" -> dateTime(scalar(type));
            case "base64" -> base64();
            case "nil", "ex:nil" -> {
                if (!allowNone) {
                    throw malformed("the server sent <" + type + "/> (null), which this client accepts only with allowNone");
                }
                if (!text(new Text(SCALAR, "<nil>")).isBlank()) {
                    throw malformed("a <nil/> holds text");
                }
                yield null;
            }
            case "struct" -> struct();
            case "array" -> array();
            default -> throw malformed("<" + type + "> is not an XML-RPC type");
        };
    }

    private Map<String, Object> struct() throws XMLStreamException, IOException {
        deeper();
        Map<String, Object> members = new LinkedHashMap<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectName("member");
            start("name");
            String name = text(new Text(limits.string(), "struct member name"));
            start("value");
            Object v = value();
            if (members.containsKey(name)) {
                throw malformed("a struct has the member " + excerpt(name) + " twice");
            }
            members.put(name, v);
            end("member");
        }
        depth--;
        return Collections.unmodifiableMap(members);
    }

    private List<Object> array() throws XMLStreamException, IOException {
        deeper();
        start("data");
        List<Object> elements = new ArrayList<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectName("value");
            elements.add(value());
        }
        end("array");
        depth--;
        return Collections.unmodifiableList(elements);
    }

    private void deeper() throws LimitExceededException {
        if (++depth > limits.depth()) {
            throw new LimitExceededException("nesting of XML-RPC arrays and structs", limits.depth());
        }
    }

    private long integer(String type, long min, long max) throws XMLStreamException, IOException {
        String s = scalar(type);
        if (INT.matcher(s).matches()) {
            try {
                long v = Long.parseLong(s);
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException tooLong) {
                // reported below
            }
        }
        throw malformed("an <" + type + "> is a decimal integer from " + min + " to " + max + ", not " + excerpt(s));
    }

    private double dbl(String s) throws MalformedReplyException {
        if (DOUBLE.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        Matcher m = NON_FINITE.matcher(s);
        if (m.matches()) {
            boolean negative = m.group(1).equals("-");
            return m.group(2).equalsIgnoreCase("nan") ? Double.NaN
                    : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw malformed("a <double> is a decimal number, not " + excerpt(s));
    }

    private LocalDateTime dateTime(String s) throws MalformedReplyException {
        Matcher m = DATE_TIME.matcher(s);
        if (m.matches()) {
            try {
                if (m.group(2) != null) {
                    return LocalDateTime.of(n(m, 1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6));
                }
                return m.group(9) != null
                        ? LocalDateTime.of(n(m, 1), n(m, 7), n(m, 8), n(m, 9), n(m, 10), n(m, 11))
                        : LocalDateTime.of(n(m, 1), n(m, 7), n(m, 8), n(m, 12), n(m, 13), n(m, 14));
            } catch (DateTimeException e) {
                throw malformed("the <dateTime.iso8601> " + excerpt(s) + " is no date: " + e.getMessage());
            }
        }
        throw malformed("a <dateTime.iso8601> is YYYYMMDDTHH:MM:SS, not " + excerpt(s));
    }

    private static int n(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private byte[] base64() throws XMLStreamException, IOException {
        Base64Text b = new Base64Text(limits.base64());
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    try {
                        b.add(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    } catch (Base64Text.Bad bad) {
                        throw malformed(bad.getMessage());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    try {
                        return b.finish();
                    } catch (Base64Text.Bad bad) {
                        throw malformed(bad.getMessage());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> throw malformed("<" + r.getLocalName() + "> inside a <base64>");
                default -> other(e);
            }
        }
    }

    /** A scalar's text, XML whitespace around it removed (as Python's int() and float() do). */
    private String scalar(String type) throws XMLStreamException, IOException {
        return trim(text(new Text(SCALAR, "text of an <" + type + ">")));
    }

    /** Reads text content through the current element's end tag. */
    private String text(Text into) throws XMLStreamException, IOException {
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> into.add(r);
                case XMLStreamConstants.END_ELEMENT -> {
                    return into.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> throw malformed("<" + r.getLocalName() + "> inside " + into.what);
                default -> other(e);
            }
        }
    }

    /** Reads up to the next start tag, named {@code name} unless null, and returns its name. */
    private String start(String name) throws XMLStreamException, IOException {
        if (nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw malformed("expected <" + (name == null ? "params> or <fault" : name) + ">, found </" + r.getLocalName() + ">");
        }
        if (name != null) {
            expectName(name);
        }
        return r.getLocalName();
    }

    private void end(String name) throws XMLStreamException, IOException {
        if (nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw malformed("expected </" + name + ">, found <" + r.getLocalName() + ">");
        }
        expectName(name);
    }

    private void expectName(String name) throws MalformedReplyException {
        if (!r.getLocalName().equals(name)) {
            throw malformed("expected <" + name + ">, found <" + r.getLocalName() + ">");
        }
    }

    /** The next start or end tag, past whitespace, comments and processing instructions. */
    private int nextTag() throws XMLStreamException, IOException {
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return e;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!r.isWhiteSpace()) {
                        throw malformed("text where an element belongs: " + excerpt(r.getText()));
                    }
                }
                default -> other(e);
            }
        }
    }

    /** Every other event: skipped (whitespace, comments, PIs), or refused. */
    private void other(int e) throws MalformedReplyException {
        switch (e) {
            case XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                // nothing in XML-RPC
            }
            case XMLStreamConstants.DTD -> throw malformed("the response has a DOCTYPE, refused: XML-RPC needs none,"
                    + " and entity expansion and external entities come that way");
            case XMLStreamConstants.END_DOCUMENT -> throw malformed("the document ended early");
            default -> throw malformed("unexpected XML event " + e);
        }
    }

    private MalformedReplyException malformed(String what) {
        Location l = r.getLocation();
        return new MalformedReplyException("malformed XML-RPC response: " + what
                + (l == null ? "" : " (line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ")"));
    }

    /** A value in a few words, never its whole text (it may be megabytes). */
    static String describe(Object v) {
        return switch (v) {
            case null -> "nil";
            case String s -> "the string " + excerpt(s);
            case Map<?, ?> m -> "a struct with the members " + excerpt(String.join(", ", m.keySet().stream().limit(10)
                    .map(String::valueOf).toList()));
            case List<?> l -> "an array of " + l.size();
            case byte[] b -> "base64 of " + b.length + " bytes";
            default -> "the " + v.getClass().getSimpleName() + " " + v;
        };
    }

    static String excerpt(String s) {
        String e = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder b = new StringBuilder("\"");
        e.chars().forEach(c -> b.append(c < 0x20 ? String.format("\\x%02x", c) : Character.toString(c)));
        return b.append('"').toString();
    }

    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isXmlSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isXmlSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Text gathered from the parser's pieces, refused as soon as it passes its limit. */
    private static final class Text {
        private final StringBuilder b = new StringBuilder();
        private final int limit;
        private final String what;
        private boolean whitespace = true;

        Text(int limit, String what) {
            this.limit = limit;
            this.what = what;
        }

        void add(XMLStreamReader r) throws LimitExceededException {
            int len = r.getTextLength();
            if (len > limit - b.length()) {
                throw new LimitExceededException(what + " (UTF-16 units)", limit);
            }
            char[] chars = r.getTextCharacters();
            int start = r.getTextStart();
            for (int i = start; whitespace && i < start + len; i++) {
                whitespace = isXmlSpace(chars[i]);
            }
            b.append(chars, start, len);
        }

        boolean isWhitespace() {
            return whitespace;
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
