package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.testkit.EchoSites;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Redirects against nginx with two origins (A and B on two ports) that echo what arrived: the
 * typed client follows none by default; when enabled, Authorization (the caller's and Basic from
 * the credentials) and a caller-set Cookie do not reach another origin; https to http is refused;
 * a loop stops at the limit with a typed error; 303 becomes a GET, 307/308 keep a replayable
 * POST; the URL front door follows up to 5.
 */
@ExtendWith(NoDescriptorLeaks.class)
class RedirectTest {

    static EchoSites sites;
    static ClientOptions tls;
    static final HttpOptions FOLLOW = HttpOptions.defaults().withRedirects(Redirects.follow(5));

    @BeforeAll
    static void start() throws IOException {
        sites = EchoSites.start("alice", "wonderland");
        tls = Sites.trusting(sites);
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    void theTypedClientFollowsNoneByDefault() throws IOException {
        try (Http1Client client = Http1Client.create(); Response r = client.get(sites.a("/to-b"))) {
            assertEquals(302, r.status());
            assertEquals(sites.b("/echo").toString(), r.headers().first("Location").orElseThrow());
            r.bytes();
        }
    }

    @Test
    void aRedirectToAnotherOriginDropsAuthorizationAndCookie() throws IOException {
        Request asked = Request.get(sites.a("/to-b")).withHeader("Authorization", "Bearer token-1")
                .withHeader("Cookie", "session=42").withHeader("X-Other", "kept");
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), FOLLOW);
             Response r = client.send(asked)) {
            assertEquals(200, r.status());
            assertEquals("echo\n", r.text());
            assertEquals(sites.b("/echo"), r.request().uri(), "the answer is B's");
            assertFalse(r.headers().contains("X-Authorization"), "Authorization reached B: " + r.headers());
            assertFalse(r.headers().contains("X-Cookie"), "Cookie reached B: " + r.headers());
            assertEquals("kept", r.request().headers().first("X-Other").orElseThrow());
        }
        // The same origin keeps both.
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), FOLLOW);
             Response r = client.send(Request.get(sites.a("/same")).withHeader("Authorization", "Bearer token-1")
                     .withHeader("Cookie", "session=42"))) {
            assertEquals("Bearer token-1", r.headers().first("X-Authorization").orElseThrow());
            assertEquals("session=42", r.headers().first("X-Cookie").orElseThrow());
            r.bytes();
        }
    }

    @Test
    void basicCredentialsGoToTheFirstOriginOnly() throws IOException {
        ClientOptions alice = ClientOptions.defaults().withCredentials("alice", "wonderland"::toCharArray)
                .withPlainTextCredentials();
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
        try (Http1Client client = Http1Client.create(alice, FOLLOW)) {
            try (Response r = client.get(sites.a("/same"))) {
                assertEquals(basic, r.headers().first("X-Authorization").orElseThrow());
                r.bytes();
            }
            try (Response r = client.get(sites.a("/to-b"))) {
                assertEquals(sites.b("/echo"), r.request().uri());
                assertFalse(r.headers().contains("X-Authorization"), "credentials reached B: " + r.headers());
                r.bytes();
            }
        }
    }

    @Test
    void httpsToHttpIsRefused() {
        try (Http1Client client = Http1Client.create(tls, FOLLOW)) {
            RedirectException e = assertThrows(RedirectException.class, () -> client.get(sites.tls("/to-http")));
            assertEquals(RedirectException.Reason.DOWNGRADE, e.reason());
            assertEquals(sites.tls("/to-http"), e.from());
            assertEquals(sites.a("/echo").toString(), e.location());
        }
    }

    @Test
    void aLoopStopsAtTheLimitWithATypedError() {
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), HttpOptions.defaults().withRedirects(Redirects.follow(3)))) {
            RedirectException e = assertThrows(RedirectException.class, () -> client.get(sites.a("/loop")));
            assertEquals(RedirectException.Reason.TOO_MANY, e.reason());
            assertEquals(3, e.hops());
            assertTrue(e.getMessage().contains("too many redirects"), e.getMessage());
            assertEquals(1, client.idleConnections(sites.a("/")), "every hop reused the one connection");
        }
    }

    @Test
    void the303BecomesAGetAnd307KeepsAReplayablePost() throws IOException {
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), FOLLOW)) {
            try (Response r = client.send(Request.post(sites.a("/to-b-303"), RequestBody.of("form=1"))
                    .withHeader("Content-Type", "application/x-www-form-urlencoded"))) {
                assertEquals("GET", r.headers().first("X-Method").orElseThrow());
                assertEquals("GET", r.request().method());
                assertFalse(r.request().headers().contains("Content-Type"));
                r.bytes();
            }
            for (String path : new String[] {"/to-b-307", "/to-b-308"}) {
                try (Response r = client.send(Request.post(sites.a(path), RequestBody.of("form=1")))) {
                    assertEquals("POST", r.headers().first("X-Method").orElseThrow(), path);
                    assertEquals(200, r.status());
                    r.bytes();
                }
            }
            // A body that cannot be sent again: the 307 itself comes back to the caller.
            RequestBody once = RequestBody.ofStream(new ByteArrayInputStream("form=1".getBytes(StandardCharsets.UTF_8)), 6);
            try (Response r = client.send(Request.post(sites.a("/to-b-307"), once))) {
                assertEquals(307, r.status());
                r.bytes();
            }
        }
    }

    @Test
    void theUrlFrontDoorFollowsUpToFive() throws IOException {
        try (Retrieval r = Protocols.open(sites.a("/to-b"))) {
            assertEquals("echo\n", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        RedirectException e = assertThrows(RedirectException.class, () -> Protocols.open(sites.a("/loop")));
        assertEquals(5, e.hops());
        assertThrows(RedirectException.class, () -> Protocols.open(sites.tls("/to-http"), tls));
    }

    @Test
    void unusableLocationsAreRefused() {
        URI base = URI.create("http://h/a/b");
        assertEquals(URI.create("http://h/a/c"), Sending.resolve(base, "c"));
        assertEquals(URI.create("https://x:1/y"), Sending.resolve(base, "https://x:1/y"));
        assertEquals(null, Sending.resolve(base, "ftp://x/y"));
        assertEquals(null, Sending.resolve(base, "file:///etc/passwd"));
        assertEquals(null, Sending.resolve(base, "http://user:pw@x/"));
        assertEquals(null, Sending.resolve(base, "http://x/a b"));
        assertEquals(URI.create("http://h/c#frag"), Sending.resolve(URI.create("http://h/a#frag"), "/c"));
    }
}
