package org.sockets.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.xmlrpc.internal.Docs.read;
import static org.sockets.xmlrpc.internal.Docs.response;
import static org.sockets.xmlrpc.internal.Docs.value;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.xmlrpc.XmlRpcFaultException;
import org.sockets.xmlrpc.XmlRpcLimits;
import org.sockets.xmlrpc.XmlRpcResult;

/** The response decoder on well-meant documents: every type, the forms other servers write, faults. */
@ExtendWith(NoDescriptorLeaks.class)
class ReaderTest {

    @Test
    void scalars() throws IOException {
        assertEquals(42, value("<int>42</int>"));
        assertEquals(-7, value("<i4> -7\n</i4>"));
        assertEquals(7, value("<int>+7</int>"));
        assertEquals(Integer.MIN_VALUE, value("<int>-2147483648</int>"));
        assertEquals(12345678901L, value("<i8>12345678901</i8>"));
        assertEquals(1L, value("<i8>1</i8>"));
        assertEquals(Long.MIN_VALUE, value("<i8>-9223372036854775808</i8>"));
        assertEquals(true, value("<boolean>1</boolean>"));
        assertEquals(false, value("<boolean> 0 </boolean>"));
        assertEquals("plain", value("plain"));
        assertEquals("  spaced  ", value("  spaced  "));
        assertEquals("", value(""));
        assertEquals("", value("<string/>"));
        assertEquals("", value("<string></string>"));
        assertEquals("a<b>&\r\n\u00e9\ud83d\ude00", value("<string>a&lt;b&gt;&amp;&#13;\n\u00e9\ud83d\ude00</string>"));
        assertEquals("<&>", value("<string><![CDATA[<&>]]></string>"));
        assertEquals("ab", value("<string>a<!-- comment -->b</string>"));
        assertEquals(1.5, value("<double>1.5</double>"));
        assertEquals(-0.25, value("<double>-.25</double>"));
        assertEquals(1e100, value("<double>1e+100</double>"));
        assertEquals(3.0, value("<double>3</double>"));
        assertEquals(Double.POSITIVE_INFINITY, value("<double>1e999</double>"));
        assertTrue(Double.isNaN((Double) value("<double>nan</double>")));
        assertEquals(Double.POSITIVE_INFINITY, value("<double>inf</double>"));
        assertEquals(Double.NEGATIVE_INFINITY, value("<double>-inf</double>"));
        assertEquals(LocalDateTime.of(2026, 12, 6, 18, 5, 9), value("<dateTime.iso8601>20261206T18:05:09</dateTime.iso8601>"));
        assertEquals(LocalDateTime.of(2026, 12, 6, 18, 5, 9), value("<dateTime.iso8601>2026-12-06T18:05:09</dateTime.iso8601>"));
        assertEquals(LocalDateTime.of(2026, 12, 6, 18, 5, 9), value("<dateTime.iso8601>20261206T180509</dateTime.iso8601>"));
        assertArrayEquals("hi there".getBytes(StandardCharsets.US_ASCII), (byte[]) value("<base64>\naGkg\ndGhl\ncmU=\n</base64>"));
        assertArrayEquals(new byte[0], (byte[]) value("<base64></base64>"));
        assertArrayEquals(new byte[] {(byte) 0xFF}, (byte[]) value("<base64>/w</base64>"));
        assertNull(value("<nil/>"));
        assertNull(value("<ex:nil/>"));
        assertNull(value(" <nil></nil> "));
    }

    @Test
    void containersKeepOrderAndAreUnmodifiable() throws IOException {
        Object v = value("<struct><member><name>z</name><value><int>1</int></value></member>"
                + "<member> <name>a</name> <value><array><data><value>x</value><value><array><data/></array></value></data></array></value></member>"
                + "<member><name></name><value><struct></struct></value></member></struct>");
        Map<?, ?> m = assertInstanceOf(Map.class, v);
        assertEquals(List.of("z", "a", ""), List.copyOf(m.keySet()));
        assertEquals(List.of("x", List.of()), m.get("a"));
        assertEquals(Map.of(), m.get(""));
        assertThrows(UnsupportedOperationException.class, () -> m.clear());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) m.get("a")).clear());
    }

    @Test
    void everyTypeRoundTripsThroughTheWriter() throws IOException {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("n", null);
        struct.put("when", LocalDateTime.of(1999, 12, 31, 23, 59, 59));
        List<Object> params = Arrays.asList(1, Integer.MIN_VALUE, true, false, "a<&>\r\n\t \u00e9\ud83d\ude00", 0.1, -1e-300,
                Double.MAX_VALUE, new byte[] {0, (byte) 0x80, (byte) 0xFF}, struct, List.of(1, List.of("deep")), null, "");
        String doc = Docs.echo(List.of(params), true);
        List<?> back = (List<?>) read(doc).value();
        assertEquals(params.size(), back.size());
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back.get(i));
            } else {
                assertEquals(params.get(i), back.get(i), "element " + i);
            }
        }
    }

    @Test
    void splitAtEveryByteReadsTheSame() throws IOException {
        String doc = response("<struct><member><name>s</name><value><string>x&amp;y\u00e9\ud83d\ude00 long "
                + "t".repeat(100) + "</string></value></member><member><name>b</name><value><base64>"
                + "QUJD".repeat(50) + "</base64></value></member><member><name>n</name><value>"
                + "<array><data><value><i4>12</i4></value><value><double>-1.5e3</double></value></data></array></value>"
                + "</member></struct>");
        Map<?, ?> whole = (Map<?, ?>) read(doc).value();
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        Map<?, ?> split = (Map<?, ?>) XmlRpcReader.readResponse(Docs.oneByteAtATime(bytes), "m", XmlRpcLimits.defaults(), true).value();
        assertEquals(whole.get("s"), split.get("s"));
        assertEquals("x&y\u00e9\ud83d\ude00 long " + "t".repeat(100), split.get("s"));
        assertArrayEquals("ABC".repeat(50).getBytes(StandardCharsets.US_ASCII), (byte[]) split.get("b"));
        assertEquals(List.of(12, -1500.0), split.get("n"));
    }

    @Test
    void otherEncodingsAsDeclared() throws IOException {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodResponse><params><param><value>caf\u00e9"
                + "</value></param></params></methodResponse>").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", XmlRpcReader.readResponse(new java.io.ByteArrayInputStream(latin1), "m",
                XmlRpcLimits.defaults(), false).value());
        byte[] utf16 = response("<string>\u4e2d</string>").replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                .getBytes(StandardCharsets.UTF_16);
        assertEquals("\u4e2d", XmlRpcReader.readResponse(new java.io.ByteArrayInputStream(utf16), "m",
                XmlRpcLimits.defaults(), false).value());
    }

    @Test
    void faults() throws IOException {
        String doc = "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>4</int></value></member>"
                + "<member><name>faultString</name><value><string>Too many parameters.</string></value></member>"
                + "<member><name>extra</name><value>ignored</value></member>"
                + "</struct></value></fault></methodResponse>";
        XmlRpcResult r = read(doc);
        XmlRpcResult.Faulted f = assertInstanceOf(XmlRpcResult.Faulted.class, r);
        assertEquals(new XmlRpcResult.Faulted("m", 4, "Too many parameters."), f);
        XmlRpcFaultException e = assertThrows(XmlRpcFaultException.class, r::value);
        assertEquals(4, e.faultCode());
        assertEquals("Too many parameters.", e.faultString());
        assertEquals("4", e.code());
        assertEquals("m refused: 4 Too many parameters.", e.getMessage());
        // i8 codes within 32 bits are fine; an untyped faultString is a string
        XmlRpcResult.Faulted f2 = (XmlRpcResult.Faulted) read(doc.replace("<int>4</int>", "<i8>-4</i8>")
                .replace("<string>Too many parameters.</string>", "untyped"));
        assertEquals(-4, f2.faultCode());
        assertEquals("untyped", f2.faultString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<int>4</int></value></member><member><name>faultString</name><value><int>1</int>",
        "<string>4</string></value></member><member><name>faultString</name><value><string>x</string>",
        "<i8>4294967296</i8></value></member><member><name>faultString</name><value><string>x</string>",
        "<int>4</int></value></member><member><name>other</name><value><string>x</string>",
    })
    void malformedFaults(String members) {
        String doc = "<methodResponse><fault><value><struct><member><name>faultCode</name><value>" + members
                + "</value></member></struct></value></fault></methodResponse>";
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("a struct with an int faultCode and a string faultString"), e.getMessage());
    }

    @Test
    void nilOnlyWhenAllowed() {
        MalformedReplyException e = assertThrows(MalformedReplyException.class,
                () -> read(response("<nil/>"), XmlRpcLimits.defaults(), false));
        assertTrue(e.getMessage().contains("accepts only with allowNone"), e.getMessage());
    }

    @Test
    void transportFailuresComeThroughAsThemselves() {
        SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
        InputStream failing = new SequenceInputStream(Docs.stream("<methodResponse><params><param><value><string>abc"), new InputStream() {
            @Override
            public int read() throws IOException {
                throw timeout;
            }
        });
        IOException e = assertThrows(IOException.class,
                () -> XmlRpcReader.readResponse(failing, "m", XmlRpcLimits.defaults(), false));
        assertSame(timeout, e);
    }
}
