package org.sockets.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.http.HttpStatusException;
import org.sockets.http.NoResponseException;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * What Python's server will not send, from the protocol kit: the request on the wire, {@code i8},
 * answers that are not XML-RPC, HTTP failures under the document, and connection reuse.
 */
@ExtendWith(NoDescriptorLeaks.class)
class KitTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String OPEN = "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value>";
    static final String CLOSE = "</value></param></params></methodResponse>\n";

    @BeforeAll
    static void warm() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.answer(OPEN + "1" + CLOSE)); XmlRpcClient c = KitScripts.client(s)) {
            c.call("warm");
        }
    }

    @Test
    void theRequestOnTheWire() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.answer(OPEN + "<i8>12345678901</i8>" + CLOSE));
                XmlRpcClient c = KitScripts.client(s)) {
            assertEquals(12345678901L, c.call("examples.get", "a&b", 1));
            String sent = s.awaitResult(WAIT).receivedText();
            String body = """
                    <?xml version="1.0"?>
                    <methodCall>
                    <methodName>examples.get</methodName>
                    <params>
                    <param><value><string>a&amp;b</string></value></param>
                    <param><value><int>1</int></value></param>
                    </params>
                    </methodCall>
                    """;
            assertTrue(sent.startsWith("POST /RPC2 HTTP/1.1\r\n"), sent);
            assertTrue(sent.contains("\r\nContent-Type: text/xml\r\n"), sent);
            assertTrue(sent.contains("\r\nHost: 127.0.0.1:" + s.port() + "\r\n"), sent);
            assertTrue(sent.contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"), sent);
            assertTrue(sent.endsWith("\r\n\r\n" + body), sent);
        }
    }

    @Test
    void keepAliveConnectionsAreReused() throws IOException {
        String one = OPEN + "<int>1</int>" + CLOSE;
        String two = OPEN + "<int>2</int>" + CLOSE;
        Script script = KitScripts.readRequest().send(KitScripts.keepAliveHead(one.length()) + one)
                .expectMatching("POST /RPC2 HTTP/1\\.1").then("skip the second request", KitTest::skipRequest)
                .send(KitScripts.head(two.length()) + two).close();
        try (HostileServer s = HostileServer.start(script); XmlRpcClient c = KitScripts.client(s)) {
            assertEquals(1, c.call("first"));
            assertEquals(2, c.call("second"));
            String sent = s.awaitResult(WAIT).receivedText();
            assertTrue(sent.contains("<methodName>first</methodName>") && sent.contains("<methodName>second</methodName>"), sent);
        }
    }

    private static void skipRequest(org.sockets.protocol.testkit.Session s) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            String line = s.readLine();
            if (line == null || line.equals("</methodCall>")) {
                return;
            }
        }
    }

    @Test
    void anHtmlPageIsNotAnAnswer() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.answer("<html><body>Bad Gateway</body></html>"));
                XmlRpcClient c = KitScripts.client(s)) {
            MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> c.call("m"));
            assertTrue(e.getMessage().contains("expected <methodResponse>, found <html>"), e.getMessage());
        }
    }

    @Test
    void httpStatusErrors() throws IOException {
        String page = "<h1>Internal Server Error</h1>";
        Script script = KitScripts.readRequest().send("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\n"
                + "Connection: close\r\nContent-Length: " + page.length() + "\r\n\r\n" + page).close();
        try (HostileServer s = HostileServer.start(script); XmlRpcClient c = KitScripts.client(s)) {
            HttpStatusException e = assertThrows(HttpStatusException.class, () -> c.call("m"));
            assertEquals(500, e.status());
            assertEquals(page, e.bodyStartText());
        }
    }

    @Test
    void aBodyCutShortIsTheHttpClientsTruncation() throws IOException {
        String part = OPEN + "<string>abc";
        Script script = KitScripts.readRequest().send(KitScripts.head(1000) + part).close();
        try (HostileServer s = HostileServer.start(script); XmlRpcClient c = KitScripts.client(s)) {
            assertThrows(TruncatedTransferException.class, () -> c.call("m"));
        }
    }

    @Test
    void aSilentServerTimesOut() throws IOException {
        Script script = KitScripts.readRequest().send(KitScripts.head(1000) + OPEN).delay(Duration.ofSeconds(5)).close();
        try (HostileServer s = HostileServer.start(script);
                XmlRpcClient c = XmlRpcClient.builder(URI.create("http://127.0.0.1:" + s.port() + "/RPC2"))
                        .options(ClientOptions.defaults().withReadTimeout(Duration.ofMillis(500))).build()) {
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> c.call("m"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos());
        }
    }

    @Test
    void noAnswerAtAll() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.readRequest().close()); XmlRpcClient c = KitScripts.client(s)) {
            assertThrows(NoResponseException.class, () -> c.call("m"));
        }
    }

    @Test
    void closedClientRefusesCalls() throws IOException {
        XmlRpcClient c = XmlRpcClient.builder(URI.create("http://127.0.0.1:1/")).build();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.call("m"));
    }

    @Test
    void badUrls() {
        assertThrows(IllegalArgumentException.class, () -> XmlRpcClient.builder(URI.create("ftp://127.0.0.1/RPC2")));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcClient.builder(URI.create("http://user:pw@127.0.0.1/RPC2")));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcClient.builder(URI.create("/RPC2")));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcClient.builder(URI.create("http:opaque")));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcClient.builder(URI.create("http:///RPC2")));
    }
}
