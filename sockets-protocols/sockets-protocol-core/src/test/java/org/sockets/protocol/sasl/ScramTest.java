package org.sockets.protocol.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/** SCRAM against the RFC 5802 and RFC 7677 test vectors, and against servers that lie. */
@ExtendWith(NoDescriptorLeaks.class)
class ScramTest {

    @BeforeAll
    static void warmUp() throws SaslException {
        TestServers.warmUp();
    }

    // RFC 5802 section 5.
    static final String SHA1_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    static final String SHA1_SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    static final String SHA1_CLIENT_FINAL = "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    static final String SHA1_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";
    // RFC 7677 section 3.
    static final String SHA256_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SHA256_SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String SHA256_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SHA256_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    static SaslCredentials user(String password) {
        return SaslCredentials.password("user", password::toCharArray);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(SaslResponse r) {
        return new String(r.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void scramSha1MatchesRfc5802() throws SaslException {
        vector(SaslMechanism.SCRAM_SHA_1, "pencil", SHA1_NONCE, SHA1_SERVER_FIRST, SHA1_CLIENT_FINAL, SHA1_SERVER_FINAL);
    }

    @Test
    void scramSha256MatchesRfc7677() throws SaslException {
        vector(SaslMechanism.SCRAM_SHA_256, "pencil", SHA256_NONCE, SHA256_SERVER_FIRST, SHA256_CLIENT_FINAL, SHA256_SERVER_FINAL);
    }

    @Test
    void saslPrepMapsASoftHyphenToNothingSoTheVectorStillHolds() throws SaslException {
        // RFC 4013: U+00AD is "commonly mapped to nothing".
        vector(SaslMechanism.SCRAM_SHA_256, "pen\u00ADcil", SHA256_NONCE, SHA256_SERVER_FIRST, SHA256_CLIENT_FINAL, SHA256_SERVER_FINAL);
    }

    private static void vector(SaslMechanism m, String password, String nonce, String serverFirst, String clientFinal,
            String serverFinal) throws SaslException {
        try (ScramExchange ex = new ScramExchange(m, user(password), nonce)) {
            SaslResponse first = ex.initialResponse().orElseThrow();
            assertEquals("n,,n=user,r=" + nonce, s(first));
            assertTrue(!first.secret(), "the client-first message holds no secret");
            SaslResponse fin = ex.respond(b(serverFirst));
            assertEquals(clientFinal, s(fin));
            assertTrue(fin.secret(), "the client proof is a secret");
            assertEquals(0, ex.respond(b(serverFinal)).length());
            ex.complete(Optional.empty());
        }
    }

    @Test
    void aWrongServerSignatureFails() throws SaslException {
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, user("pencil"), SHA256_NONCE)) {
            ex.initialResponse();
            ex.respond(b(SHA256_SERVER_FIRST));
            var e = assertThrows(AuthenticationException.class, () -> ex.respond(b("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
            assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
            assertThrows(AuthenticationException.class, () -> ex.complete(Optional.empty()));
        }
    }

    @Test
    void theRightSignatureForAnotherPasswordFails() throws SaslException {
        // The server's v= is right for "pencil"; we know "pencil2": the server cannot prove our password.
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_1, user("pencil2"), SHA1_NONCE)) {
            ex.initialResponse();
            ex.respond(b(SHA1_SERVER_FIRST));
            assertThrows(AuthenticationException.class, () -> ex.respond(b(SHA1_SERVER_FINAL)));
        }
    }

    @Test
    void successWithoutAServerSignatureFails() throws SaslException {
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, user("pencil"), SHA256_NONCE)) {
            ex.initialResponse();
            ex.respond(b(SHA256_SERVER_FIRST));
            var e = assertThrows(AuthenticationException.class, () -> ex.complete(Optional.empty()));
            assertTrue(e.getMessage().contains("without proving"), e.getMessage());
        }
    }

    @Test
    void theServerSignatureMayComeWithTheSuccess() throws SaslException {
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, user("pencil"), SHA256_NONCE)) {
            ex.initialResponse();
            ex.respond(b(SHA256_SERVER_FIRST));
            ex.complete(Optional.of(b(SHA256_SERVER_FINAL)));
        }
    }

    @Test
    void aServerErrorIsReported() throws SaslException {
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, user("pencil"), SHA256_NONCE)) {
            ex.initialResponse();
            ex.respond(b(SHA256_SERVER_FIRST));
            assertThrows(AuthenticationException.class, () -> ex.respond(b("e=invalid-proof")));
            assertEquals(Optional.of("e=invalid-proof"), ex.serverError());
        }
    }

    @Test
    void badServerFirstMessagesAreRefused() {
        for (String bad : new String[] {
                "r=someoneElsesNonce123,s=QSXCR+Q6sek8bf92,i=4096",    // does not extend our nonce
                "r=" + SHA1_NONCE + ",s=QSXCR+Q6sek8bf92,i=4096",      // does not extend it at all
                "m=ext,r=" + SHA1_NONCE + "x,s=QSXCR+Q6sek8bf92,i=4096", // mandatory extension
                "r=" + SHA1_NONCE + "x,s=!!!,i=4096",                  // salt not base64
                "r=" + SHA1_NONCE + "x,s=,i=4096",                     // empty salt
                "r=" + SHA1_NONCE + "x,i=4096",                        // no salt
                "r=" + SHA1_NONCE + "x,s=QSXCR+Q6sek8bf92,i=0",        // no iterations
                "r=" + SHA1_NONCE + "x,s=QSXCR+Q6sek8bf92,i=99999999999", // not an int
                "r=" + SHA1_NONCE + "x,s=QSXCR+Q6sek8bf92,i=" + (ScramExchange.MAX_ITERATIONS + 1), // a denial of service
                "r=" + SHA1_NONCE + "x,s=QSXCR+Q6sek8bf92,i=4096,garbage",
                "",
        }) {
            try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_1, user("pencil"), SHA1_NONCE)) {
                ex.initialResponse();
                SaslException e = assertThrows(SaslException.class, () -> ex.respond(b(bad)), bad);
                assertTrue(e.getMessage().startsWith("SCRAM-SHA-1: "), e.getMessage());
                // Once failed, it stays failed.
                assertThrows(SaslException.class, () -> ex.respond(b(SHA1_SERVER_FIRST)));
            } catch (SaslException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void namesAreEscapedAndTheAuthorizationIdSent() throws SaslException {
        SaslCredentials c = SaslCredentials.password("us=er,x", "p"::toCharArray).actingAs("ad,min");
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, c, "abc")) {
            assertEquals("n,a=ad=2Cmin,n=us=3Der=2Cx,r=abc", s(ex.initialResponse().orElseThrow()));
        }
    }

    @Test
    void saslPrepRefusesControlCharactersAndMapsSpaces() throws SaslException {
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, SaslCredentials.password("a\u0007b", "p"::toCharArray), "n")) {
            assertThrows(SaslException.class, ex::initialResponse);
        }
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, SaslCredentials.password("a\u00A0b", "p"::toCharArray), "n")) {
            assertEquals("n,,n=a b,r=n", s(ex.initialResponse().orElseThrow()));
        }
        // NFKC: the "fi" ligature becomes "fi".
        try (ScramExchange ex = new ScramExchange(SaslMechanism.SCRAM_SHA_256, SaslCredentials.password("\uFB01", "p"::toCharArray), "n")) {
            assertEquals("n,,n=fi,r=n", s(ex.initialResponse().orElseThrow()));
        }
    }

    @Test
    void theNonceIsFreshEachTime() throws SaslException {
        try (ScramExchange a = new ScramExchange(SaslMechanism.SCRAM_SHA_256, user("p"));
                ScramExchange b = new ScramExchange(SaslMechanism.SCRAM_SHA_256, user("p"))) {
            String na = s(a.initialResponse().orElseThrow());
            String nb = s(b.initialResponse().orElseThrow());
            assertTrue(na.length() > "n,,n=user,r=".length() + 24, na);
            assertTrue(!na.equals(nb));
        }
    }
}
