package org.sockets.xmlrpc.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.sockets.xmlrpc.XmlRpcLimits;
import org.sockets.xmlrpc.XmlRpcResult;

/** Response documents for the codec tests, and streams that make them huge without holding them. */
final class Docs {

    private Docs() {
    }

    static String response(String valueXml) {
        return "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value>" + valueXml
                + "</value></param></params></methodResponse>\n";
    }

    static XmlRpcResult read(String doc) throws IOException {
        return read(doc, XmlRpcLimits.defaults(), true);
    }

    static XmlRpcResult read(String doc, XmlRpcLimits limits, boolean allowNone) throws IOException {
        return XmlRpcReader.readResponse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "m", limits, allowNone);
    }

    /** The value of {@code <value>valueXml</value>} in a response. */
    static Object value(String valueXml) throws IOException {
        return read(response(valueXml)).value();
    }

    /** The response to a call with these parameters, made from the request the writer encodes. */
    static String echo(List<?> params, boolean allowNone) {
        String call = new String(XmlRpcWriter.methodCall("echo", params, allowNone), StandardCharsets.UTF_8);
        String params0 = call.substring(call.indexOf("<params>"), call.indexOf("</params>") + "</params>".length());
        return "<?xml version=\"1.0\"?>\n<methodResponse>" + params0 + "</methodResponse>";
    }

    /** {@code prefix}, then {@code count} bytes of {@code fill}, then {@code suffix}; never held whole. */
    static InputStream generated(String prefix, long count, char fill, String suffix) {
        InputStream middle = new InputStream() {
            private long left = count;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) fill);
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(stream(prefix), middle), stream(suffix));
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A stream that hands over one byte per read, so the parser sees every split. */
    static InputStream oneByteAtATime(byte[] doc) {
        return new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < doc.length ? doc[i++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= doc.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                b[off] = doc[i++];
                return 1;
            }
        };
    }
}
