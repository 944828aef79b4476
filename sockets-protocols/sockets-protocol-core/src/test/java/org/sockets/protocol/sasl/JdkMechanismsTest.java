package org.sockets.protocol.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/** CRAM-MD5 and DIGEST-MD5 (the JDK's clients, through ours) against the JDK's own SaslServer. */
@ExtendWith(NoDescriptorLeaks.class)
class JdkMechanismsTest {

    @BeforeAll
    static void warmUp() throws SaslException {
        TestServers.warmUp();
    }

    static SaslAuthenticator alice(String password, SaslMechanism m) {
        return SaslAuthenticator.of(SaslCredentials.password(TestServers.USER, password::toCharArray)).allowing(List.of(m));
    }

    @Test
    void cramMd5LogsInToTheJdkServer() throws IOException {
        RecordingTransport t = new RecordingTransport(new TestServers.JdkServer(SaslMechanism.CRAM_MD5, TestServers.PASSWORD), true);
        assertEquals(SaslMechanism.CRAM_MD5, alice(TestServers.PASSWORD, SaslMechanism.CRAM_MD5).authenticate(t, List.of("CRAM-MD5"), "pop", "localhost"));
        assertEquals(2, t.messages, t.transcript.toString());
        assertTrue(t.sent.get(0).secret(), "the CRAM-MD5 digest allows offline guessing: marked secret");
    }

    @Test
    void digestMd5LogsInToTheJdkServerAndVerifiesItsRspauth() throws IOException {
        RecordingTransport t = new RecordingTransport(new TestServers.JdkServer(SaslMechanism.DIGEST_MD5, TestServers.PASSWORD), false);
        assertEquals(SaslMechanism.DIGEST_MD5, alice(TestServers.PASSWORD, SaslMechanism.DIGEST_MD5).authenticate(t, List.of("DIGEST-MD5"), "pop", "localhost"));
        // AUTH, the digest response, the empty answer to rspauth.
        assertEquals(3, t.messages, t.transcript.toString());
        assertTrue(t.transcript.get(3).startsWith("S: + "), "rspauth came as a challenge: " + t.transcript);
    }

    @Test
    void wrongPasswordsAreRefusedByTheJdkServer() {
        for (SaslMechanism m : List.of(SaslMechanism.CRAM_MD5, SaslMechanism.DIGEST_MD5)) {
            RecordingTransport t = new RecordingTransport(new TestServers.JdkServer(m, TestServers.PASSWORD), true);
            SaslRejectedException e = assertThrows(SaslRejectedException.class,
                    () -> alice("not-" + TestServers.PASSWORD, m).authenticate(t, List.of(m.saslName()), "pop", "localhost"));
            assertEquals("-ERR", e.code(), e.getMessage());
        }
    }

    @Test
    void digestMd5FailsWhenTheServerSaysOkWithoutRspauth() throws SaslException {
        TestServers.JdkServer server = new TestServers.JdkServer(SaslMechanism.DIGEST_MD5, TestServers.PASSWORD);
        try (SaslExchange ex = alice(TestServers.PASSWORD, SaslMechanism.DIGEST_MD5).start(SaslMechanism.DIGEST_MD5, "pop", "localhost")) {
            assertTrue(ex.initialResponse().isEmpty());
            SaslReply.Challenge first = (SaslReply.Challenge) server.start(Optional.empty());
            ex.respond(first.data());
            // A server that skips rspauth and says OK has not proven it knows the password.
            var e = assertThrows(AuthenticationException.class, () -> ex.complete(Optional.empty()));
            assertTrue(e.getMessage().contains("rspauth"), e.getMessage());
        }
    }

    @Test
    void cramMd5HasNoInitialResponseAndPlainHasOne() throws SaslException {
        SaslAuthenticator a = SaslAuthenticator.of(SaslCredentials.password("u", "p"::toCharArray));
        try (SaslExchange cram = a.start(SaslMechanism.CRAM_MD5, "imap", "localhost");
                SaslExchange plain = a.start(SaslMechanism.PLAIN, "imap", "localhost")) {
            assertTrue(cram.initialResponse().isEmpty());
            SaslResponse r = plain.initialResponse().orElseThrow();
            assertTrue(r.secret());
            assertEquals("\0u\0p", new String(r.bytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(!r.toString().contains("p") || r.toString().contains("****"), r.toString());
        }
    }

    @Test
    void anEmptyDigestRealmIsDroppedBeforeTheJdkSeesIt() {
        String[][] cases = {
                {"realm=\"\",nonce=\"n\",qop=\"auth\"", "nonce=\"n\",qop=\"auth\""},
                {"nonce=\"n\", realm=\"\" ,qop=\"auth\"", "nonce=\"n\",qop=\"auth\""},
                {"nonce=\"n\",REALM=\"\"", "nonce=\"n\""},
                {"realm=\"example\",nonce=\"n\"", "realm=\"example\",nonce=\"n\""},
        };
        for (String[] c : cases) {
            assertEquals(c[1], new String(JdkExchange.withoutEmptyRealm(c[0].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                    java.nio.charset.StandardCharsets.ISO_8859_1), c[0]);
        }
    }

    @Test
    void aChallengeTheJdkClientChokesOnIsATypedError() throws SaslException {
        try (SaslExchange ex = alice(TestServers.PASSWORD, SaslMechanism.DIGEST_MD5).start(SaslMechanism.DIGEST_MD5, "pop", "localhost")) {
            ex.initialResponse();
            // Two realms, one empty: the JDK's client throws IllegalArgumentException for it.
            SaslException e = assertThrows(SaslException.class,
                    () -> ex.respond("realm=\"\",realm=\"\",nonce=\"abc\",qop=\"auth\",algorithm=md5-sess".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertTrue(e.getMessage().startsWith("DIGEST-MD5: "), e.getMessage());
        }
    }
}
