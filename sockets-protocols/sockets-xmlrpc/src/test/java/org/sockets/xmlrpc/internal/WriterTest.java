package org.sockets.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.xmlrpc.XmlRpcCall;

/** The request encoder: each type's exact form, escaping, and every value it must refuse. */
@ExtendWith(NoDescriptorLeaks.class)
class WriterTest {

    static String one(Object v) {
        return one(v, false);
    }

    static String one(Object v, boolean allowNone) {
        String doc = new String(XmlRpcWriter.methodCall("m", Arrays.asList(v), allowNone), StandardCharsets.UTF_8);
        return doc.substring(doc.indexOf("<param>") + 7, doc.indexOf("</param>"));
    }

    @Test
    void wholeDocument() {
        String doc = new String(XmlRpcWriter.methodCall("sample.add", List.of(2, 3), false), StandardCharsets.UTF_8);
        assertEquals("""
                <?xml version="1.0"?>
                <methodCall>
                <methodName>sample.add</methodName>
                <params>
                <param><value><int>2</int></value></param>
                <param><value><int>3</int></value></param>
                </params>
                </methodCall>
                """, doc);
    }

    @Test
    void scalars() {
        assertEquals("<value><int>-2147483648</int></value>", one(Integer.MIN_VALUE));
        assertEquals("<value><int>7</int></value>", one((short) 7));
        assertEquals("<value><int>-7</int></value>", one((byte) -7));
        assertEquals("<value><int>2147483647</int></value>", one((long) Integer.MAX_VALUE));
        assertEquals("<value><boolean>1</boolean></value>", one(true));
        assertEquals("<value><boolean>0</boolean></value>", one(false));
        assertEquals("<value><string></string></value>", one(""));
        assertEquals("<value><double>1.5</double></value>", one(1.5));
        assertEquals("<value><dateTime.iso8601>20261206T18:05:09</dateTime.iso8601></value>",
                one(LocalDateTime.of(2026, 12, 6, 18, 5, 9)));
        assertEquals("<value><dateTime.iso8601>00010101T00:00:00</dateTime.iso8601></value>",
                one(LocalDateTime.of(1, 1, 1, 0, 0)));
        assertEquals("<value><base64>AAEC/w==</base64></value>", one(new byte[] {0, 1, 2, (byte) 0xFF}));
        assertEquals("<value><base64></base64></value>", one(new byte[0]));
        assertEquals("<value><nil/></value>", one(null, true));
    }

    @Test
    void doublesArePlainDecimalsThatReadBackExactly() {
        assertEquals("<value><double>0.1</double></value>", one(0.1f));
        assertEquals("<value><double>-0.0</double></value>", one(-0.0));
        assertEquals("<value><double>0.0</double></value>", one(0.0));
        assertEquals("<value><double>0.0000001</double></value>", one(1e-7));
        assertEquals("<value><double>100.0</double></value>", one(100.0));
        String big = one(1e300);
        assertTrue(big.matches("<value><double>10{300}\\.0</double></value>"), big);
        for (double d : new double[] {Double.MAX_VALUE, Double.MIN_VALUE, -Math.PI, 1.0 / 3, 123456789.123456789, 5e-324}) {
            String s = one(d);
            String text = s.substring("<value><double>".length(), s.indexOf("</double>"));
            assertTrue(text.matches("-?[0-9]+\\.[0-9]+"), text);
            assertEquals(d, Double.parseDouble(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteDoublesAreRefused(double d) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one(d));
        assertTrue(e.getMessage().contains("parameter 1 is " + d), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> one((float) d));
    }

    @Test
    void escaping() {
        assertEquals("<value><string>a&lt;b&gt;c&amp;d]]&gt;\"'\t\n&#13;</string></value>", one("a<b>c&d]]>\"'\t\n\r"));
        assertEquals("<value><string>z\u00e9\u4e2d\ud83d\ude00</string></value>", one("z\u00e9\u4e2d\ud83d\ude00"));
        String doc = new String(XmlRpcWriter.methodCall("a&b", List.of(), false), StandardCharsets.UTF_8);
        assertTrue(doc.contains("<methodName>a&amp;b</methodName>"), doc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0001", "\u001f", "\ufffe", "\uffff", "\ud800", "x\udc00y", "\ud83d"})
    void charactersXmlCannotCarryAreRefused(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one(s));
        assertTrue(e.getMessage().contains("XML 1.0 cannot carry"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> one(Map.of(s, 1)));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.methodCall(s, List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcCall.of(s));
    }

    @Test
    void badMethodNames() {
        assertThrows(IllegalArgumentException.class, () -> XmlRpcCall.of(""));
        assertThrows(NullPointerException.class, () -> XmlRpcCall.of(null));
    }

    @Test
    void containers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of("x", true));
        assertEquals("<value><struct><member><name>b</name><value><int>1</int></value></member>"
                + "<member><name>a</name><value><array><data><value><string>x</string></value>"
                + "<value><boolean>1</boolean></value></data></array></value></member></struct></value>", one(m));
        assertEquals("<value><array><data></data></array></value>", one(List.of()));
        assertEquals("<value><array><data><value><string>s</string></value><value><int>1</int></value></data></array></value>",
                one(new Object[] {"s", 1}));
        assertEquals("<value><struct></struct></value>", one(Map.of()));
        // the same list twice, side by side, is not a cycle
        List<Integer> shared = List.of(1);
        assertEquals("<value><array><data><value><array><data><value><int>1</int></value></data></array></value>"
                + "<value><array><data><value><int>1</int></value></data></array></value></data></array></value>",
                one(List.of(shared, shared)));
    }

    @Test
    void refusals() {
        assertMessage(() -> one(null), "parameter 1 is null: XML-RPC has no null unless allowNone");
        assertMessage(() -> one(Arrays.asList(1, null)), "parameter 1, element 1 is null");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("k", null);
        assertMessage(() -> one(withNull), "parameter 1, member k is null");
        assertMessage(() -> one(1L << 31), "is 2147483648: XML-RPC's int has 32 bits");
        assertMessage(() -> one(Long.MIN_VALUE), "XML-RPC's int has 32 bits");
        assertMessage(() -> one(LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1000)), "carries whole seconds");
        assertMessage(() -> one(LocalDateTime.of(10000, 1, 1, 0, 0)), "four-digit years");
        assertMessage(() -> one(LocalDateTime.of(-1, 1, 1, 0, 0)), "four-digit years");
        assertMessage(() -> one(new Object()), "is a java.lang.Object, which XML-RPC cannot carry");
        assertMessage(() -> one(new int[] {1}), "is a [I, which XML-RPC cannot carry");
        assertMessage(() -> one(java.math.BigInteger.ONE), "BigInteger, which XML-RPC cannot carry");
        assertMessage(() -> one('c'), "Character, which XML-RPC cannot carry");
        assertMessage(() -> one(Map.of(1, 2)), "with the key 1 (java.lang.Integer): struct member names are strings");
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertMessage(() -> one(self), "parameter 1, element 0 contains itself");
        Map<String, Object> selfMap = new HashMap<>();
        selfMap.put("me", List.of(selfMap));
        assertMessage(() -> one(selfMap), "contains itself");
        Object deep = 1;
        for (int i = 0; i <= XmlRpcWriter.MAX_DEPTH + 1; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertMessage(() -> one(tooDeep), "deeper than " + XmlRpcWriter.MAX_DEPTH);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
