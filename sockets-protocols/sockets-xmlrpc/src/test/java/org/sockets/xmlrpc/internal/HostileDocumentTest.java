package org.sockets.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.xmlrpc.internal.Docs.read;
import static org.sockets.xmlrpc.internal.Docs.response;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.xmlrpc.XmlRpcLimits;

/** Documents made to hurt the client: refused with a typed error, nothing fetched, nothing expanded. */
@ExtendWith(NoDescriptorLeaks.class)
class HostileDocumentTest {

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE methodResponse [
             <!ENTITY lol "lol">
             <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>
            """;

    static final String EXTERNAL_ENTITY = """
            <?xml version="1.0"?>
            <!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>
            """;

    static String nestedArrays(int levels) {
        return response("<array><data><value>".repeat(levels) + "x" + "</value></data></array>".repeat(levels));
    }

    static void assertDoctypeRefused(String doc) {
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("has a DOCTYPE, refused"), e.getMessage());
    }

    @Test
    void billionLaughsIsRefusedAtItsDoctype() {
        assertDoctypeRefused(BILLION_LAUGHS);
    }

    @Test
    void externalEntitiesAreNeverFetched() throws IOException {
        assertDoctypeRefused(EXTERNAL_ENTITY);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            String url = "http://127.0.0.1:" + port + "/evil";
            assertDoctypeRefused("<?xml version=\"1.0\"?><!DOCTYPE methodResponse SYSTEM \"" + url + ".dtd\">"
                    + "<methodResponse><params><param><value>x</value></param></params></methodResponse>");
            assertDoctypeRefused("<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>"
                    + "<methodResponse><params><param><value>x</value></param></params></methodResponse>");
            assertDoctypeRefused("<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY e SYSTEM \"" + url + "\">]>"
                    + "<methodResponse><params><param><value>&e;</value></param></params></methodResponse>");
            // The parse is over: any fetch would be waiting in the backlog now.
            assertNull(listener.accept(), "the parser connected to the external entity's URL");
        }
    }

    @Test
    void tenThousandNestedArraysStopAtTheDepthLimit() {
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(nestedArrays(10_000)));
        assertEquals(100, e.limit());
        assertTrue(e.getMessage().contains("nesting of XML-RPC arrays and structs"), e.getMessage());
        String structs = response("<struct><member><name>a</name><value>".repeat(10_000) + "</value></member></struct>".repeat(10_000));
        assertEquals(100, assertThrows(LimitExceededException.class, () -> read(structs)).limit());
    }

    @Test
    void depthUpToTheLimitIsFine() throws IOException {
        Object v = read(nestedArrays(100)).value();
        for (int i = 0; i < 100; i++) {
            v = ((List<?>) v).getFirst();
        }
        assertEquals("x", v);
        XmlRpcLimits three = XmlRpcLimits.defaults().withDepth(3);
        read(nestedArrays(3), three, false);
        assertEquals(3, assertThrows(LimitExceededException.class, () -> read(nestedArrays(4), three, false)).limit());
        String mixed = response("<struct><member><name>a</name><value><array><data><value><struct></struct></value></data></array></value></member></struct>");
        read(mixed, three, false);
        assertThrows(LimitExceededException.class, () -> read(mixed, three.withDepth(2), false));
    }

    @Test
    void theDeepestAllowedLimitStillFitsAThreadsStack() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> XmlRpcLimits.defaults().withDepth(XmlRpcLimits.MAX_DEPTH + 1));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcLimits.defaults().withDepth(0));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcLimits.defaults().withDocument(0));
        XmlRpcLimits deepest = XmlRpcLimits.defaults().withDepth(XmlRpcLimits.MAX_DEPTH);
        Throwable[] failure = new Throwable[1];
        // half the default stack of a platform thread (1 MiB on Linux x64)
        Thread t = Thread.ofPlatform().stackSize(512 * 1024).start(() -> {
            try {
                read(nestedArrays(XmlRpcLimits.MAX_DEPTH), deepest, false);
                assertThrows(LimitExceededException.class, () -> read(nestedArrays(XmlRpcLimits.MAX_DEPTH + 1), deepest, false));
                read(response("<struct><member><name>a</name><value>".repeat(XmlRpcLimits.MAX_DEPTH) + "x"
                        + "</value></member></struct>".repeat(XmlRpcLimits.MAX_DEPTH)), deepest, false);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] != null) {
            throw new AssertionError("reading " + XmlRpcLimits.MAX_DEPTH + " levels failed", failure[0]);
        }
    }

    @Test
    void documentLimit() throws IOException {
        String doc = response("<string>" + "x".repeat(1000) + "</string>");
        int size = doc.length();
        assertEquals("x".repeat(1000), read(doc, XmlRpcLimits.defaults().withDocument(size), false).value());
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> read(doc, XmlRpcLimits.defaults().withDocument(size - 1), false));
        assertEquals(size - 1, e.limit());
        assertTrue(e.getMessage().startsWith("XML-RPC response document (bytes) exceeds the limit"), e.getMessage());
        // whatever the bytes are: an attribute, a comment, whitespace between elements
        XmlRpcLimits small = XmlRpcLimits.defaults().withDocument(4096);
        for (String huge : List.of("<methodResponse a=\"" + "x".repeat(5000) + "\"/>",
                "<!--" + "x".repeat(5000) + "--><methodResponse/>",
                "<methodResponse>" + " ".repeat(5000) + "</methodResponse>",
                "<?pi " + "x".repeat(5000) + "?><methodResponse/>")) {
            assertEquals(4096, assertThrows(LimitExceededException.class, () -> read(huge, small, false)).limit());
        }
    }

    @Test
    void stringLimitCoversEveryStringAndName() throws IOException {
        XmlRpcLimits ten = XmlRpcLimits.defaults().withString(10);
        assertEquals("0123456789", read(response("<string>0123456789</string>"), ten, false).value());
        assertEquals("0123456789", read(response("0123456789"), ten, false).value());
        for (String v : List.of("<string>0123456789a</string>", "0123456789a", "<string>01234<![CDATA[56789]]>a</string>",
                "<struct><member><name>0123456789a</name><value>1</value></member></struct>",
                " ".repeat(11) + "<int>1</int>")) {
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(response(v), ten, false));
            assertEquals(10, e.limit());
        }
        // UTF-16 units: a character outside the BMP is two
        assertThrows(LimitExceededException.class, () -> read(response("\ud83d\ude00".repeat(6)), ten, false));
    }

    @Test
    void base64LimitCountsDecodedBytes() throws IOException {
        XmlRpcLimits three = XmlRpcLimits.defaults().withBase64(3);
        assertEquals(3, ((byte[]) read(response("<base64>AAAA</base64>"), three, false).value()).length);
        assertEquals(2, ((byte[]) read(response("<base64>AAA=</base64>"), three, false).value()).length);
        assertEquals(3, assertThrows(LimitExceededException.class,
                () -> read(response("<base64>AAAAAA==</base64>"), three, false)).limit());
        // a big value over many parser pieces and blocks
        String b64 = "QUJD".repeat(100_000);
        assertEquals(300_000, ((byte[]) read(response("<base64>" + b64 + "</base64>")).value()).length);
        assertThrows(LimitExceededException.class,
                () -> read(response("<base64>" + b64 + "</base64>"), XmlRpcLimits.defaults().withBase64(299_999), false));
    }

    @Test
    void scalarsHaveTheirOwnSmallLimit() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> read(response("<int>" + " ".repeat(XmlRpcReader.SCALAR) + "1</int>")));
        assertEquals(XmlRpcReader.SCALAR, e.limit());
        assertThrows(LimitExceededException.class, () -> read(response("<double>" + "1".repeat(5000) + "</double>")));
        assertThrows(LimitExceededException.class, () -> read(response("<nil>" + " ".repeat(5000) + "</nil>")));
    }

    @Test
    void elementNamesAreBoundedByTheJdk() {
        MalformedReplyException e = assertThrows(MalformedReplyException.class,
                () -> read(response("<" + "x".repeat(5000) + "/>")));
        assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
    }
}
