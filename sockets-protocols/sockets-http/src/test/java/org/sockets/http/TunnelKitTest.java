package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The CONNECT tunnel against the hostile kit as the proxy: the IPv6 target bracketed, a 2xx with
 * a Content-Length that has no body, bytes after the 2xx refused as STARTTLS injection, a refusal
 * that is a typed error, Proxy-Authorization only in the CONNECT, CR/LF in tunnel headers refused
 * before anything is sent.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TunnelKitTest {

    @BeforeAll
    static void warmUp() throws IOException {
        KitTest.warmUp();
    }

    /** Options trusting the kit's certificate for "localhost", whatever the URL names. */
    static ClientOptions localhostTls() throws IOException {
        ClientOptions o = Kit.options();
        return o.withTls(o.tls().withPeerHost("localhost"));
    }

    static HttpOptions via(HostileServer s) {
        return HttpOptions.defaults().withProxy(HttpProxy.of("127.0.0.1", s.port()));
    }

    @Test
    void anIpv6TargetIsBracketedAndA2xxHasNoBodyWhateverItsHeaders() throws IOException {
        Script script = Script.of().expect("CONNECT [::1]:4443 HTTP/1.1").expect("Host: [::1]:4443")
                .then("rest of the head", s -> {
                    for (String line = s.readLine(); line != null && !line.isEmpty(); line = s.readLine()) {
                        // bounded by the client's head
                    }
                })
                // A body announced on a 2xx to CONNECT is not one (RFC 9110 §9.3.6): TLS starts at once.
                .send("HTTP/1.1 200 Connection established\r\nContent-Length: 20\r\nTransfer-Encoding: chunked\r\n\r\n")
                .startTls();
        script = Kit.request(script).send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").close();
        try (HostileServer s = HostileServer.start(script, HostileServer.testTlsContext());
             Http1Client client = Http1Client.create(localhostTls(), via(s));
             Response r = client.get(URI.create("https://[::1]:4443/x"))) {
            assertEquals("ok", r.text());
            HostileServer.Result result = s.awaitResult(Kit.WAIT);
            assertTrue(result.failure().isEmpty(), result.toString());
            assertTrue(result.receivedText().contains("GET /x HTTP/1.1\r\nHost: [::1]:4443\r\n"), result.receivedText());
        }
    }

    @Test
    void bytesAfterTheProxys200AreRefusedAsStartTlsInjection() throws IOException {
        Script script = Kit.request(Script.of())
                .send("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil")
                .awaitClose();
        try (HostileServer s = HostileServer.start(script);
             Http1Client client = Http1Client.create(localhostTls(), via(s))) {
            StartTlsException e = assertThrows(StartTlsException.class, () -> client.get(URI.create("https://localhost:4443/")));
            assertTrue(e.getMessage().contains("may be injected"), e.getMessage());
            HostileServer.Result result = s.awaitResult(Kit.WAIT);
            assertTrue(result.receivedText().startsWith("CONNECT localhost:4443 HTTP/1.1\r\n"), result.receivedText());
            assertFalse(result.receivedText().contains("\u0016"), "no TLS byte was sent: " + result.receivedText());
        }
    }

    @Test
    void aRefusedTunnelIsATypedErrorAndProxyAuthorizationGoesOnlyInTheConnect() throws IOException {
        Script script = Kit.request(Script.of())
                .send("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nforbidden").awaitClose();
        HttpProxy p;
        try (HostileServer s = HostileServer.start(script)) {
            p = HttpProxy.of("127.0.0.1", s.port()).withCredentials("pat", "pw"::toCharArray).withPlainTextCredentials()
                    .withTunnelHeader("X-Tunnel", "yes");
            try (Http1Client client = Http1Client.create(localhostTls(), HttpOptions.defaults().withProxy(p))) {
                HttpStatusException e = assertThrows(HttpStatusException.class,
                        () -> client.get(URI.create("https://localhost:4443/")));
                assertEquals(403, e.status());
                assertTrue(e.getMessage().contains("CONNECT https://localhost:4443"), e.getMessage());
            }
            String seen = s.awaitResult(Kit.WAIT).receivedText();
            String basic = Base64.getEncoder().encodeToString("pat:pw".getBytes(StandardCharsets.UTF_8));
            assertTrue(seen.contains("\r\nProxy-Authorization: Basic " + basic + "\r\n"), seen);
            assertTrue(seen.contains("\r\nX-Tunnel: yes\r\n"), seen);
            assertTrue(seen.endsWith("\r\n\r\n"), seen);
        }
    }

    @Test
    void crOrLfInTunnelHeadersIsRefusedBeforeAnythingIsSent() {
        HttpProxy p = HttpProxy.of("127.0.0.1", 3128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.withTunnelHeader("X-A", "a\r\nInjected: 1"));
        assertTrue(e.getMessage().contains("CR"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withTunnelHeader("X-A\r\nB", "a"));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of("127.0.0.1\r\nX: y", 3128));
        assertThrows(IllegalArgumentException.class, () -> p.withTunnelHeader("Host", "elsewhere"));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of(URI.create("http://user@proxy:3128")));
        assertThrows(IllegalArgumentException.class, () -> HttpProxy.of(URI.create("https://proxy:3128")));
        assertEquals("::1", HttpProxy.of(URI.create("http://[::1]:3128")).host());
    }

    @Test
    void aCallerSetProxyAuthorizationIsRefused() {
        try (Http1Client client = Http1Client.create()) {
            assertThrows(IllegalArgumentException.class, () -> client.send(Request.get(URI.create("http://127.0.0.1:1/"))
                    .withHeader("Proxy-Authorization", "Basic eA==")));
        }
    }

    @Test
    void plainHttpThroughTheProxyIsInAbsoluteFormWithProxyAuthorization() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            HttpProxy p = HttpProxy.of("127.0.0.1", s.port()).withCredentials("pat", "pw"::toCharArray).withPlainTextCredentials();
            try (Http1Client client = Http1Client.create(Kit.options(), HttpOptions.defaults().withProxy(p));
                 Response r = client.get(URI.create("http://[::1]:8080/a?b=c"))) {
                assertEquals("ok", r.text());
            }
            String seen = s.awaitResult(Kit.WAIT).receivedText();
            assertTrue(seen.startsWith("GET http://[::1]:8080/a?b=c HTTP/1.1\r\nHost: [::1]:8080\r\n"), seen);
            assertTrue(seen.contains("\r\nProxy-Authorization: Basic "), seen);
        }
    }

    @Test
    void aSilentProxyIsATypedError() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.request(Script.of()).close());
             Http1Client client = Http1Client.create(localhostTls(), via(s))) {
            IOException e = assertThrows(IOException.class, () -> client.get(URI.create("https://localhost:4443/")));
            assertInstanceOf(org.sockets.protocol.TruncatedTransferException.class, e, e.toString());
        }
    }
}
