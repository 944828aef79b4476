package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.protocol.Connector;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * What a request puts on the wire, and what it refuses before any byte: CR, LF, NUL anywhere,
 * SP or CTL in the method, target and header names (CVE-2019-9740, CVE-2019-9947,
 * CVE-2020-26116), the framing headers the client owns; values keep SP and HTAB. Also the
 * one-exchange form over an endpoint the caller holds, chunked and sized request bodies, and the
 * whole-request deadline.
 */
@ExtendWith(NoDescriptorLeaks.class)
class RequestTest {

    static final URI BASE = URI.create("http://127.0.0.1:9/");

    @BeforeAll
    static void warmUp() throws IOException {
        KitTest.warmUp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET\r\nX: y", "GE T", "GET\n", "G\u0000T", "", "G\u007fT", "GET\t", "GÉT"})
    void badMethodsAreRefused(String method) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Request.of(method, BASE));
        assertTrue(e.getMessage().contains("method"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/a\r\nHost: evil", "/a\u0000", "/\t", "/é", ""})
    void badTargetsAreRefused(String target) {
        assertThrows(IllegalArgumentException.class, () -> Request.get(BASE).withTarget(target));
    }

    @Test
    void urlsThatCannotBeSentAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Request.get(URI.create("ftp://127.0.0.1/")));
        assertThrows(IllegalArgumentException.class, () -> Request.get(URI.create("http:///path")));
        assertThrows(IllegalArgumentException.class, () -> Request.get(URI.create("http://user@127.0.0.1/")));
        assertThrows(IllegalArgumentException.class, () -> Request.get(URI.create("/relative")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-A\r\nX-B", "X A", "X-A:", "", "X\u0000", "Ä"})
    void badHeaderNamesAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> Request.get(BASE).withHeader(name, "v"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of().with(name, "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\rb", "a\nb", "a\u0000b", "a\u0001b", "a\u007fb", "a\u0100b"})
    void badHeaderValuesAreRefused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Request.get(BASE).withHeader("X-A", value));
        assertTrue(e.getMessage().contains("X-A"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "transfer-encoding", "Expect", "Connection"})
    void theFramingHeadersAreTheClientsAlone(String name) {
        assertThrows(IllegalArgumentException.class, () -> Request.get(BASE).withHeader(name, "1"));
    }

    @Test
    void valuesKeepSpaceAndTabAndTheWireIsExact() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
             Http1Client client = Http1Client.create(Kit.options());
             Response r = client.send(Request.of("PROPFIND", Kit.url(s, "/a%20b?q=1&r=%0D"))
                     .withHeader("X-Spaced", "a b\tc").withHeader("X-Empty", ""))) {
            assertEquals(200, r.status());
            String wire = s.awaitResult(Kit.WAIT).receivedText();
            assertEquals("PROPFIND /a%20b?q=1&r=%0D HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\nUser-Agent: sockets-http\r\n"
                    + "X-Spaced: a b\tc\r\nX-Empty: \r\n\r\n", wire);
        }
    }

    @Test
    void bodiesAreFramedByTheClient() throws IOException {
        Script three = Kit.request(Script.of()).then("body", s -> s.readLine())
                .send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .close();
        try (HostileServer s = HostileServer.start(three);
             Http1Client client = Http1Client.create(Kit.options())) {
            client.send(Request.post(Kit.url(s, "/bytes"), RequestBody.of("one\n"))).close();
            assertEquals("POST /bytes HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\nUser-Agent: sockets-http\r\n"
                    + "Content-Length: 4\r\n\r\none\n", s.awaitResult(Kit.WAIT).receivedText());
            client.send(Request.of("PUT", Kit.url(s, "/sized"))
                    .withBody(RequestBody.ofStream(new ByteArrayInputStream("two\n".getBytes(StandardCharsets.US_ASCII)), 4))).close();
            assertTrue(s.awaitResult(Kit.WAIT).receivedText().endsWith("Content-Length: 4\r\n\r\ntwo\n"));
        }
        Script chunkedBody = Kit.request(Script.of()).then("chunks", s -> {
            for (int i = 0; i < 7; i++) {
                s.readLine();
            }
        }).send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(chunkedBody);
             Http1Client client = Http1Client.create(Kit.options())) {
            client.send(Request.post(Kit.url(s, "/chunked"), RequestBody.chunked(out -> {
                out.write("thr".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("ee\n".getBytes(StandardCharsets.US_ASCII));
            }))).close();
            client.close();
            String chunked = s.awaitResult(Kit.WAIT).receivedText();
            assertTrue(chunked.endsWith("Transfer-Encoding: chunked\r\n\r\n3\r\nthr\r\n3\r\nee\n\r\n0\r\n\r\n"), chunked);
        }
    }

    @Test
    void aSizedBodyThatEndsEarlyFailsAndClosesTheConnection() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.request(Script.of()).awaitClose());
             Http1Client client = Http1Client.create(Kit.options())) {
            IOException e = assertThrows(IOException.class, () -> client.send(Request.of("PUT", Kit.url(s, "/"))
                    .withBody(RequestBody.ofStream(new ByteArrayInputStream(new byte[3]), 10))));
            assertTrue(e.getMessage().contains("3 of its declared 10"), e.getMessage());
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void oneExchangeOverAnEndpointTheCallerHolds() throws IOException {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (HostileServer s = HostileServer.start(Kit.request(Kit.request(Script.of()).send(ok)).send(ok).awaitClose());
             Endpoint e = Sockets.connect(s.address(), ConnectOptions.defaults())) {
            for (int i = 0; i < 2; i++) {
                try (Response r = Http1Client.exchange(e, Request.get(URI.create("http://example.test/x")), Kit.options())) {
                    assertEquals("ok", r.text());
                }
                assertTrue(e.isOpen(), "a finished exchange leaves the caller's endpoint open");
            }
            e.close();
            assertTrue(s.awaitResult(Kit.WAIT).receivedText().contains("Host: example.test\r\n"));
        }
    }

    @Test
    void theWholeRequestDeadlineBoundsADrippingBody() throws IOException {
        Script drip = Kit.request(Script.of()).send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
                .drip("x".repeat(100), Duration.ofMillis(50)).awaitClose();
        try (HostileServer s = HostileServer.start(drip);
             Http1Client client = Http1Client.create(Kit.options().withDeadline(Duration.ofMillis(700)))) {
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> {
                try (Response r = client.get(Kit.url(s, "/"))) {
                    r.bytes();
                }
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "the deadline ended it after " + ms + " ms, not the 5 s read timeout per read");
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void theConnectorIsAskedForTheUrlsHostAndPort() throws IOException {
        List<Address> asked = new ArrayList<>();
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 204 No Content\r\n\r\n"));
             Http1Client client = Http1Client.create(Kit.options().withConnector((a, o) -> {
                 asked.add(a);
                 return Connector.tcp().connect(s.address(), o);
             }));
             Response r = client.get(URI.create("http://docker.invalid:2375/v1/info"))) {
            assertEquals(204, r.status());
            assertEquals(List.of(Address.of("docker.invalid", 2375)), asked);
            assertTrue(s.awaitResult(Kit.WAIT).receivedText().contains("Host: docker.invalid:2375\r\n"));
        }
        assertFalse(asked.isEmpty());
    }

    @Test
    void theDialogueGoesToTheTranscriptAndProgressIsReported() throws IOException {
        List<String> transcript = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"));
             Http1Client client = Http1Client.create(Kit.options().withTranscript((d, line) -> transcript.add(d + " " + line)));
             Response r = client.get(Kit.url(s, "/t")).onProgress((done, total) -> progress.add(new long[] {done, total}))) {
            assertEquals("0123456789", r.text());
            assertEquals(List.of("SENT GET /t HTTP/1.1", "SENT Host: 127.0.0.1:" + s.port(), "SENT User-Agent: sockets-http",
                    "SENT ", "RECEIVED HTTP/1.1 200 OK", "RECEIVED Content-Length: 10", "RECEIVED "), transcript.subList(0, 7));
            long[] last = progress.get(progress.size() - 1);
            assertEquals(10, last[0]);
            assertEquals(10, last[1]);
        }
    }
}
