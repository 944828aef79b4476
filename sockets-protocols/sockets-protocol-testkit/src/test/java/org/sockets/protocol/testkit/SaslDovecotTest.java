package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.protocol.sasl.SaslAuthenticator;
import org.sockets.protocol.sasl.SaslCredentials;
import org.sockets.protocol.sasl.SaslMechanism;
import org.sockets.protocol.sasl.SaslRejectedException;
import org.sockets.protocol.sasl.SaslResponse;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Issue #14, must-show 3: each SASL mechanism logs in to a real dovecot over POP3 AUTH (RFC 5034),
 * with the initial response in the command and without it; a wrong secret yields dovecot's own
 * error text; EXTERNAL logs in with a TLS client certificate. The transcript, as a client logs it,
 * never shows the secret.
 */
@ExtendWith(NoDescriptorLeaks.class)
class SaslDovecotTest {

    private static Dovecot dovecot;

    @BeforeAll
    static void start() throws IOException {
        dovecot = Dovecot.start();
        // The JDK's once-per-process descriptors (SecureRandom's devices, TLS's): opened here so
        // NoDescriptorLeaks does not count them against the first test.
        try (Pop3Auth p = Pop3Auth.connectTls(dovecot, dovecot.clientTls("alice"), true)) {
            SaslAuthenticator.of(SaslCredentials.password("alice", dovecot.password("alice")::toCharArray))
                    .authenticate(p, p.saslMechanisms(), "pop", "localhost");
        }
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    static final List<SaslMechanism> WITH_PASSWORD = List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN, SaslMechanism.CRAM_MD5,
            SaslMechanism.DIGEST_MD5, SaslMechanism.SCRAM_SHA_1, SaslMechanism.SCRAM_SHA_256);

    static Stream<Arguments> passwordMechanisms() {
        return WITH_PASSWORD.stream().flatMap(m -> Stream.of(Arguments.of(m, true), Arguments.of(m, false)));
    }

    static Stream<Arguments> tokenMechanisms() {
        return Stream.of(SaslMechanism.XOAUTH2, SaslMechanism.OAUTHBEARER).flatMap(m -> Stream.of(Arguments.of(m, true), Arguments.of(m, false)));
    }

    static SaslCredentials password(String user, String password) {
        return SaslCredentials.password(user, password::toCharArray);
    }

    @ParameterizedTest(name = "{0}, initial response in the command: {1}")
    @MethodSource("passwordMechanisms")
    void eachPasswordMechanismLogsIn(SaslMechanism m, boolean ir) throws IOException {
        String secret = dovecot.password("alice");
        try (Pop3Auth p = Pop3Auth.connect(dovecot, null, ir)) {
            List<String> offered = p.saslMechanisms();
            assertTrue(offered.contains(m.saslName()), offered.toString());
            assertEquals(m, SaslAuthenticator.of(password("alice", secret)).allowing(List.of(m)).authenticate(p, offered, "pop", "localhost"));
            assertTrue(p.command("STAT").startsWith("+OK "), "logged in");
            p.command("QUIT");
            assertNoSecret(p, secret);
        }
    }

    @ParameterizedTest(name = "{0}, initial response in the command: {1}")
    @MethodSource("passwordMechanisms")
    void aWrongPasswordYieldsDovecotsText(SaslMechanism m, boolean ir) throws IOException {
        String wrong = "Wrong-" + dovecot.password("alice");
        try (Pop3Auth p = Pop3Auth.connect(dovecot, null, ir)) {
            SaslRejectedException e = assertThrows(SaslRejectedException.class,
                    () -> SaslAuthenticator.of(password("alice", wrong)).allowing(List.of(m)).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertEquals("-ERR", e.code(), p.transcriptText());
            assertEquals("[AUTH] Authentication failed.", e.text(), p.transcriptText());
            assertEquals(m, e.mechanism());
            assertNoSecret(p, wrong);
        }
    }

    @ParameterizedTest(name = "{0}, initial response in the command: {1}")
    @MethodSource("tokenMechanisms")
    void bearerTokensLogInAndAWrongOneYieldsTheJsonStatus(SaslMechanism m, boolean ir) throws IOException {
        String token = dovecot.bearerToken("bob");
        try (Pop3Auth p = Pop3Auth.connect(dovecot, null, ir)) {
            SaslCredentials c = SaslCredentials.bearerToken("bob", token::toCharArray);
            assertEquals(m, SaslAuthenticator.of(c).allowing(List.of(m)).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertTrue(p.command("STAT").startsWith("+OK "));
            p.command("QUIT");
            assertNoSecret(p, token);
        }
        String forged = "forged" + token;
        try (Pop3Auth p = Pop3Auth.connect(dovecot, null, ir)) {
            SaslCredentials c = SaslCredentials.bearerToken("bob", forged::toCharArray);
            SaslRejectedException e = assertThrows(SaslRejectedException.class,
                    () -> SaslAuthenticator.of(c).allowing(List.of(m)).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertEquals("[AUTH] Authentication failed.", e.text(), e.getMessage());
            assertTrue(e.mechanismError().orElseThrow().contains("\"status\""), e.getMessage());
            assertNoSecret(p, forged);
        }
    }

    @Test
    void externalLogsInWithAClientCertificateOverImplicitTlsAndStls() throws IOException {
        try (Pop3Auth p = Pop3Auth.connectTls(dovecot, dovecot.clientTls("alice"), true)) {
            assertEquals(SaslMechanism.EXTERNAL,
                    SaslAuthenticator.of(SaslCredentials.clientCertificate()).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertTrue(p.command("STAT").startsWith("+OK "));
        }
        try (Pop3Auth p = Pop3Auth.connect(dovecot, dovecot.clientTls("bob"), false)) {
            assertEquals(SaslMechanism.EXTERNAL,
                    SaslAuthenticator.of(SaslCredentials.clientCertificate()).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertTrue(p.command("STAT").startsWith("+OK "));
        }
    }

    @Test
    void externalWithoutACertificateIsRefused() throws IOException {
        try (Pop3Auth p = Pop3Auth.connectTls(dovecot, dovecot.clientTls(), true)) {
            SaslRejectedException e = assertThrows(SaslRejectedException.class,
                    () -> SaslAuthenticator.of(SaslCredentials.clientCertificate()).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertEquals("[AUTH] Authentication failed.", e.text(), e.getMessage());
        }
    }

    @Test
    void theDefaultOrderPicksScramSha256FromDovecotsList() throws IOException {
        try (Pop3Auth p = Pop3Auth.connect(dovecot, dovecot.clientTls(), true)) {
            List<String> offered = p.saslMechanisms();
            assertEquals(SaslMechanism.SCRAM_SHA_256,
                    SaslAuthenticator.of(password("bob", dovecot.password("bob"))).authenticate(p, offered, "pop", "localhost"));
        }
    }

    @Test
    void anAuthorizationIdentityOtherThanTheUserIsRefused() throws IOException {
        // dovecot has no master users here: acting as another user must fail, with its text.
        try (Pop3Auth p = Pop3Auth.connect(dovecot, null, true)) {
            SaslCredentials c = password("alice", dovecot.password("alice")).actingAs("bob");
            SaslRejectedException e = assertThrows(SaslRejectedException.class,
                    () -> SaslAuthenticator.of(c).allowing(List.of(SaslMechanism.PLAIN)).authenticate(p, p.saslMechanisms(), "pop", "localhost"));
            assertEquals("-ERR", e.code(), e.getMessage());
        }
    }

    static void assertNoSecret(Pop3Auth p, String secret) {
        String text = p.transcriptText();
        for (String form : encodings(secret)) {
            assertFalse(text.contains(form), "the transcript shows the secret as " + form + ":\n" + text);
        }
        for (SaslResponse r : p.sent) {
            if (!r.secret()) {
                assertFalse(new String(r.bytes(), StandardCharsets.UTF_8).contains(secret), "a response not marked secret holds it");
            }
        }
    }

    static List<String> encodings(String secret) {
        List<String> forms = new ArrayList<>();
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(secret);
        forms.add(HexFormat.of().formatHex(raw));
        for (int pad = 0; pad < 3; pad++) {
            byte[] padded = new byte[pad + raw.length];
            System.arraycopy(raw, 0, padded, pad, raw.length);
            String b64 = Base64.getEncoder().encodeToString(padded);
            String middle = b64.substring(pad == 0 ? 0 : 4, b64.length() - 4);
            if (middle.length() >= 8) {
                forms.add(middle);
            }
        }
        return forms;
    }
}
