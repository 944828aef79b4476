package org.sockets.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Issue #19's hostile documents, served over HTTP by the protocol kit and read by the client in a
 * JVM with a 64 MiB heap (its own surefire execution): entity expansion, external entities,
 * 10,000 nested arrays and 1 GiB values are refused with typed errors, and nothing grows with them.
 */
@Tag("small-heap")
@ExtendWith(NoDescriptorLeaks.class)
class HostileSmallHeapTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final long GIB = 1L << 30;
    static final String OPEN = "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value>";
    static final String CLOSE = "</value></param></params></methodResponse>\n";

    @BeforeAll
    static void smallHeapAndWarm() throws IOException {
        assertTrue(Runtime.getRuntime().maxMemory() <= 64L << 20,
                "this class must run with -Xmx64m (surefire's small-heap execution), max heap is " + Runtime.getRuntime().maxMemory());
        try (HostileServer s = HostileServer.start(KitScripts.answer(OPEN + "1" + CLOSE)); XmlRpcClient c = KitScripts.client(s)) {
            assertEquals("1", c.call("warm"));
        }
    }

    static <T extends Throwable> T refused(Class<T> type, Script script) throws IOException {
        try (HostileServer s = HostileServer.start(script); XmlRpcClient c = KitScripts.client(s)) {
            T e = assertThrows(type, () -> c.call("attack"));
            HostileServer.Result r = s.awaitResult(WAIT);
            assertTrue(r.receivedText().contains("<methodName>attack</methodName>"), r.receivedText());
            return e;
        }
    }

    @Test
    void billionLaughs() throws IOException {
        String doc = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
                <methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>
                """;
        MalformedReplyException e = refused(MalformedReplyException.class, KitScripts.answer(doc));
        assertTrue(e.getMessage().contains("has a DOCTYPE, refused"), e.getMessage());
    }

    @Test
    void externalEntities() throws IOException {
        try (ServerSocketChannel bait = ServerSocketChannel.open()) {
            bait.bind(new InetSocketAddress("127.0.0.1", 0));
            bait.configureBlocking(false);
            String url = "http://127.0.0.1:" + ((InetSocketAddress) bait.getLocalAddress()).getPort() + "/x";
            for (String doctype : List.of("<!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                    "<!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"" + url + "\">]>",
                    "<!DOCTYPE methodResponse SYSTEM \"" + url + "\">")) {
                String doc = "<?xml version=\"1.0\"?>\n" + doctype
                        + "\n<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>";
                MalformedReplyException e = refused(MalformedReplyException.class, KitScripts.answer(doc));
                assertTrue(e.getMessage().contains("has a DOCTYPE, refused"), e.getMessage());
            }
            assertNull(bait.accept(), "the client fetched an external entity");
        }
    }

    @Test
    void tenThousandNestedArrays() throws IOException {
        String doc = OPEN + "<array><data><value>".repeat(10_000) + "x" + "</value></data></array>".repeat(10_000) + CLOSE;
        LimitExceededException e = refused(LimitExceededException.class, KitScripts.answer(doc));
        assertEquals(100, e.limit());
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void aGibibyteString() throws IOException {
        for (String[] form : List.of(new String[] {"<string>", "</string>"}, new String[] {"", ""})) {
            try (HostileServer s = HostileServer.start(KitScripts.streamed(OPEN + form[0], "x", GIB, form[1] + CLOSE));
                    XmlRpcClient c = KitScripts.client(s)) {
                LimitExceededException e = assertThrows(LimitExceededException.class, () -> c.call("attack"));
                assertEquals(8 << 20, e.limit());
                assertTrue(e.getMessage().startsWith("string value (UTF-16 units) exceeds"), e.getMessage());
                s.awaitResult(WAIT);
                assertStoppedEarly(s);
            }
        }
    }

    @Test
    void aGibibyteOfBase64AndOfComment() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.streamed(OPEN + "<base64>", "QUJD", GIB / 4, "</base64>" + CLOSE));
                XmlRpcClient c = KitScripts.client(s)) {
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> c.call("attack"));
            assertTrue(e.getMessage().startsWith("base64 value (decoded bytes) exceeds the limit of 8388608"), e.getMessage());
            s.awaitResult(WAIT);
            assertStoppedEarly(s);
        }
        // a comment, whitespace and an attribute are never values: the document limit stops them
        for (String[] form : List.of(new String[] {OPEN + "<!--", "x", "-->" + CLOSE},
                new String[] {OPEN, " ", "<int>1</int>" + CLOSE},
                new String[] {"<methodResponse a=\"", "x", "\"/>"})) {
            try (HostileServer s = HostileServer.start(KitScripts.streamed(form[0], form[1], GIB, form[2]));
                    XmlRpcClient c = KitScripts.client(s)) {
                LimitExceededException e = assertThrows(LimitExceededException.class, () -> c.call("attack"));
                assertTrue(e.getMessage().startsWith(form[1].equals(" ") ? "string value" : "XML-RPC response document"), e.getMessage());
                s.awaitResult(WAIT);
                assertStoppedEarly(s);
            }
        }
    }

    /** The kit noted the client went away long before the gibibyte was through. */
    private static void assertStoppedEarly(HostileServer s) {
        String note = String.join("; ", s.notes());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("client went away after (\\d+) bytes").matcher(note);
        assertTrue(m.find(), "the kit saw no early close: " + note);
        assertTrue(Long.parseLong(m.group(1)) < 64L << 20, note);
    }
}
