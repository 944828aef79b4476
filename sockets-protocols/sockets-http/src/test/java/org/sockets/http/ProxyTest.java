package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.PlainTextRefusedException;
import org.sockets.protocol.testkit.EchoSites;
import org.sockets.protocol.testkit.TinyProxy;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Through tinyproxy to nginx: https in a CONNECT tunnel with TLS verified against the origin (a
 * wrong-host origin fails through the proxy too), plain http in absolute form (tinyproxy's log
 * shows the request line it received, nginx's {@code $request_uri} the origin form it got), and a
 * proxy that requires Basic authentication.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ProxyTest {

    static EchoSites sites;
    static TinyProxy proxy;
    static TinyProxy authProxy;
    static ClientOptions tls;

    @BeforeAll
    static void start() throws IOException {
        sites = EchoSites.start("alice", "wonderland");
        proxy = TinyProxy.start();
        authProxy = TinyProxy.start("pat", "proxy-pass");
        tls = Sites.trusting(sites);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {authProxy, proxy, sites}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    static HttpOptions via(TinyProxy p) {
        return HttpOptions.defaults().withProxy(HttpProxy.of(URI.create("http://127.0.0.1:" + p.port())));
    }

    @Test
    void httpsGoesThroughAConnectTunnelVerifiedAgainstTheOrigin() throws IOException {
        try (Http1Client client = Http1Client.create(tls, via(proxy))) {
            for (int i = 0; i < 2; i++) {
                try (Response r = client.get(sites.tls("/echo"))) {
                    assertEquals(200, r.status());
                    assertEquals("echo\n", r.text());
                    assertEquals("/echo", r.headers().first("X-Request-Uri").orElseThrow(), "origin form inside the tunnel");
                }
            }
        }
        URI origin = sites.tls("/");
        List<String> log = proxy.log();
        String connect = "CONNECT localhost:" + origin.getPort() + " HTTP/1.1";
        assertEquals(1, log.stream().filter(l -> l.contains(connect)).count(), "one tunnel, reused: " + log);
        assertFalse(log.stream().anyMatch(l -> l.contains("GET /echo") || l.contains("GET https://")),
                "the proxy never sees a request inside the tunnel: " + log);
    }

    @Test
    void aWrongHostOriginFailsThroughTheProxyToo() {
        try (Http1Client client = Http1Client.create(tls, via(proxy))) {
            IOException e = assertThrows(IOException.class, () -> client.get(sites.wrongHostTls("/echo")));
            assertTrue(e.toString().toLowerCase().contains("certificate") || e.toString().contains("localhost"), e.toString());
        }
    }

    @Test
    void plainHttpGoesToTheProxyInAbsoluteForm() throws IOException {
        URI url = sites.a("/echo?via=proxy");
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), via(proxy));
             Response r = client.get(url)) {
            assertEquals("echo\n", r.text());
            assertEquals("/echo?via=proxy", r.headers().first("X-Request-Uri").orElseThrow());
        }
        String line = "GET " + url + " HTTP/1.1";
        assertTrue(proxy.log().stream().anyMatch(l -> l.contains(line)), "tinyproxy received \"" + line + "\": " + proxy.log());
    }

    @Test
    void aProxyRequiringBasicAuthentication() throws IOException {
        HttpProxy bare = HttpProxy.of("127.0.0.1", authProxy.port());
        // Without credentials: the proxy's 407, to an absolute-form request and to CONNECT.
        try (Http1Client client = Http1Client.create(tls, HttpOptions.defaults().withProxy(bare))) {
            try (Response r = client.get(sites.a("/echo"))) {
                assertEquals(407, r.status());
                r.bytes();
            }
            HttpStatusException e = assertThrows(HttpStatusException.class, () -> client.get(sites.tls("/echo")));
            assertEquals(407, e.status());
        }
        HttpProxy withAuth = bare.withCredentials("pat", "proxy-pass"::toCharArray).withPlainTextCredentials();
        try (Http1Client client = Http1Client.create(tls, HttpOptions.defaults().withProxy(withAuth))) {
            try (Response r = client.get(sites.a("/echo"))) {
                assertEquals(200, r.status());
                assertEquals("echo\n", r.text());
            }
            try (Response r = client.get(sites.tls("/echo"))) {
                assertEquals(200, r.status());
                assertEquals("echo\n", r.text());
                assertFalse(r.headers().contains("X-Proxy-Authorization"), "Proxy-Authorization never goes inside the tunnel");
            }
        }
        // A wrong password: the proxy refuses the tunnel (tinyproxy 1.11 answers a bad Proxy-Authorization with 401).
        HttpProxy wrong = bare.withCredentials("pat", "nope"::toCharArray).withPlainTextCredentials();
        try (Http1Client client = Http1Client.create(tls, HttpOptions.defaults().withProxy(wrong))) {
            int status = assertThrows(HttpStatusException.class, () -> client.get(sites.tls("/echo"))).status();
            assertTrue(status == 401 || status == 407, "status " + status);
        }
    }

    @Test
    void proxyCredentialsWithoutTheOptInAreRefusedBeforeConnecting() {
        // Port 1 on loopback has no listener: a connection attempt would be a ConnectException.
        HttpProxy p = HttpProxy.of("127.0.0.1", 1).withCredentials("pat", "proxy-pass"::toCharArray);
        try (Http1Client client = Http1Client.create(tls, HttpOptions.defaults().withProxy(p))) {
            PlainTextRefusedException e = assertThrows(PlainTextRefusedException.class, () -> client.get(sites.tls("/echo")));
            assertTrue(e.getMessage().contains("withPlainTextCredentials"), e.getMessage());
            assertFalse(e.getMessage().contains("proxy-pass"), e.getMessage());
            assertThrows(PlainTextRefusedException.class, () -> client.get(sites.a("/echo")));
        }
    }
}
