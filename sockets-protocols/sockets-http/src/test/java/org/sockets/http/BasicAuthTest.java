package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Direction;
import org.sockets.protocol.PlainTextRefusedException;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.testkit.EchoSites;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Basic authentication against nginx {@code auth_basic} (an htpasswd file written with
 * {@code openssl passwd -apr1}): over https it passes and a wrong password is a 401; over http it
 * is refused before any byte is sent unless the plain-text opt-in is given; the transcript never
 * shows the password or its base64.
 */
@ExtendWith(NoDescriptorLeaks.class)
class BasicAuthTest {

    static EchoSites sites;
    static ClientOptions tls;

    @BeforeAll
    static void start() throws IOException {
        sites = EchoSites.start("alice", "wonder land ü");
        tls = Sites.trusting(sites);
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    static ClientOptions alice(ClientOptions o, String password) {
        return o.withCredentials("alice", password::toCharArray);
    }

    @Test
    void overHttpsTheCredentialsPass() throws IOException {
        List<String> transcript = new CopyOnWriteArrayList<>();
        ClientOptions o = alice(tls, "wonder land ü").withTranscript((direction, line) -> {
            if (direction == Direction.SENT) { // nginx echoes the header back in X-Authorization: only what we sent counts
                transcript.add(line);
            }
        });
        try (Http1Client client = Http1Client.create(o)) {
            try (Response r = client.get(sites.tls("/echo"))) {
                r.bytes();
            }
            try (Response r = client.get(sites.tls("/auth/secret.txt"))) {
                assertEquals(200, r.status());
                assertEquals(EchoSites.SECRET, r.text());
            }
        }
        String base64 = Base64.getEncoder().encodeToString("alice:wonder land ü".getBytes(StandardCharsets.UTF_8));
        int auth = transcript.indexOf("Authorization: Basic ****");
        assertTrue(auth > 0 && transcript.get(auth + 1).isEmpty(), "the field, then the head's end: " + transcript);
        assertFalse(transcript.stream().anyMatch(l -> l.contains(base64) || l.contains("wonder")), transcript.toString());
    }

    @Test
    void aWrongPasswordIsA401() throws IOException {
        try (Http1Client client = Http1Client.create(alice(tls, "wrong"));
             Response r = client.get(sites.tls("/auth/secret.txt"))) {
            assertEquals(401, r.status());
            assertTrue(r.headers().first("WWW-Authenticate").orElseThrow().startsWith("Basic"));
            HttpStatusException e = assertThrows(HttpStatusException.class, r::requireSuccess);
            assertEquals(401, e.status());
        }
    }

    @Test
    void overHttpTheCredentialsAreRefusedBeforeAnyByteWithoutTheOptIn() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (Http1Client client = Http1Client.create(alice(ClientOptions.defaults(), "wonder land ü"))) {
            // Nothing listens there: a connection attempt would be a ConnectException, not this refusal.
            PlainTextRefusedException e = assertThrows(PlainTextRefusedException.class,
                    () -> client.get(URI.create("http://127.0.0.1:" + closed + "/auth/secret.txt")));
            assertTrue(e.getMessage().contains("withPlainTextCredentials"), e.getMessage());
            assertFalse(e.getMessage().contains("wonder"), e.getMessage());
            assertThrows(PlainTextRefusedException.class, () -> client.get(sites.a("/auth/secret.txt")));
        }
        assertThrows(PlainTextRefusedException.class,
                () -> Protocols.open(sites.a("/auth/secret.txt"), alice(ClientOptions.defaults(), "wonder land ü")));
    }

    @Test
    void overHttpWithTheOptInTheyPass() throws IOException {
        ClientOptions o = alice(ClientOptions.defaults(), "wonder land ü").withPlainTextCredentials();
        try (Http1Client client = Http1Client.create(o); Response r = client.get(sites.a("/auth/secret.txt"))) {
            assertEquals(EchoSites.SECRET, r.text());
        }
        try (Retrieval r = Protocols.open(URI.create(sites.a("/auth/secret.txt").toString().replace("//", "//alice@")), o)) {
            assertEquals(EchoSites.SECRET, new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aUserNameWithAColonIsRefused() {
        try (Http1Client client = Http1Client.create(tls.withCredentials("a:b", "x"::toCharArray))) {
            assertThrows(IllegalArgumentException.class, () -> client.get(sites.tls("/auth/secret.txt")));
        }
    }
}
