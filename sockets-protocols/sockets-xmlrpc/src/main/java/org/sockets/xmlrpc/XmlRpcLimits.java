package org.sockets.xmlrpc;

/**
 * How much of a response document the client accepts before it gives up with the protocol core's
 * {@link org.sockets.protocol.LimitExceededException}. Every limit is checked while the document
 * streams in, so memory stays bounded by the limits, whatever size the server claims or sends.
 *
 * <p>The defaults keep a refused document inside a 64 MiB heap:
 * <ul>
 * <li>{@code document} 16 MiB: the bytes of one response, XML declaration to the last byte;</li>
 * <li>{@code depth} 100: arrays and structs nested in one another;</li>
 * <li>{@code string} 8 Mi: UTF-16 units of one string value or struct member name;</li>
 * <li>{@code base64} 8 MiB: decoded bytes of one base64 value.</li>
 * </ul>
 *
 * {@snippet :
 * XmlRpcLimits limits = XmlRpcLimits.defaults().withDocument(64 << 20).withBase64(48 << 20);
 * }
 *
 * @param document bytes of a whole response document
 * @param depth    arrays and structs nested in one another (a flat array is depth 1), at most
 *                 {@value #MAX_DEPTH}
 * @param string   UTF-16 units of one string value or member name
 * @param base64   decoded bytes of one base64 value
 */
public record XmlRpcLimits(int document, int depth, int string, int base64) {

    /** The deepest nesting a limit may allow. */
    public static final int MAX_DEPTH = 256;

    private static final XmlRpcLimits DEFAULTS = new XmlRpcLimits(16 << 20, 100, 8 << 20, 8 << 20);

    /**
     * Checks every limit is at least 1, and the depth at most {@value #MAX_DEPTH}.
     *
     * @throws IllegalArgumentException naming the limit and its value otherwise
     */
    public XmlRpcLimits {
        positive("document", document);
        positive("depth", depth);
        if (depth > MAX_DEPTH) {
            // The reader descends one Java call per level: a deeper limit would let a document
            // overflow the stack instead of meeting a typed error.
            throw new IllegalArgumentException("XML-RPC limit depth is at most " + MAX_DEPTH + ", not " + depth);
        }
        positive("string", string);
        positive("base64", base64);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("XML-RPC limit " + name + " must be at least 1, not " + value);
        }
    }

    /**
     * The defaults: document 16 MiB, depth 100, string 8 Mi units, base64 8 MiB.
     *
     * @return the default limits
     */
    public static XmlRpcLimits defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another document limit.
     *
     * @param bytes at least 1
     * @return the copy
     */
    public XmlRpcLimits withDocument(int bytes) {
        return new XmlRpcLimits(bytes, depth, string, base64);
    }

    /**
     * A copy with another nesting limit.
     *
     * @param levels 1 to {@value #MAX_DEPTH}
     * @return the copy
     */
    public XmlRpcLimits withDepth(int levels) {
        return new XmlRpcLimits(document, levels, string, base64);
    }

    /**
     * A copy with another string limit.
     *
     * @param units UTF-16 units, at least 1
     * @return the copy
     */
    public XmlRpcLimits withString(int units) {
        return new XmlRpcLimits(document, depth, units, base64);
    }

    /**
     * A copy with another base64 limit.
     *
     * @param bytes decoded bytes, at least 1
     * @return the copy
     */
    public XmlRpcLimits withBase64(int bytes) {
        return new XmlRpcLimits(document, depth, string, bytes);
    }
}
