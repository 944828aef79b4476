package org.sockets.protocol.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Mechanism choice, argument checks, and what reaches logs. */
@ExtendWith(NoDescriptorLeaks.class)
class SaslAuthenticatorTest {

    @BeforeAll
    static void warmUp() throws SaslException {
        TestServers.warmUp();
    }

    static final SaslCredentials PASSWORD = SaslCredentials.password("alice", "s3cret-Pw"::toCharArray);
    static final SaslCredentials TOKEN = SaslCredentials.bearerToken("alice", "tok-Secret"::toCharArray);

    static final List<String> DOVECOT = List.of("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256",
            "XOAUTH2", "OAUTHBEARER", "EXTERNAL");

    @Test
    void theDefaultOrderTakesTheStrongestOfferedThatFitsTheCredentials() {
        SaslAuthenticator a = SaslAuthenticator.of(PASSWORD);
        assertEquals(Optional.of(SaslMechanism.SCRAM_SHA_256), a.choose(DOVECOT));
        assertEquals(Optional.of(SaslMechanism.SCRAM_SHA_1), a.choose(List.of("PLAIN", "SCRAM-SHA-1", "CRAM-MD5")));
        assertEquals(Optional.of(SaslMechanism.CRAM_MD5), a.choose(List.of("LOGIN", "PLAIN", "CRAM-MD5")));
        assertEquals(Optional.of(SaslMechanism.PLAIN), a.choose(List.of("LOGIN", "PLAIN")));
        assertEquals(Optional.of(SaslMechanism.LOGIN), a.choose(List.of("login", "X-UNKNOWN")));
        assertEquals(Optional.of(SaslMechanism.OAUTHBEARER), SaslAuthenticator.of(TOKEN).choose(DOVECOT));
        assertEquals(Optional.of(SaslMechanism.XOAUTH2), SaslAuthenticator.of(TOKEN).choose(List.of("PLAIN", "XOAUTH2")));
        assertEquals(Optional.of(SaslMechanism.EXTERNAL), SaslAuthenticator.of(SaslCredentials.clientCertificate()).choose(DOVECOT));
        // DIGEST-MD5 (historic), NTLM and GSSAPI only when listed.
        assertEquals(Optional.empty(), a.choose(List.of("DIGEST-MD5", "NTLM", "GSSAPI")));
        assertEquals(Optional.empty(), SaslAuthenticator.of(SaslCredentials.kerberos()).choose(List.of("GSSAPI")));
        assertEquals(Optional.of(SaslMechanism.GSSAPI),
                SaslAuthenticator.of(SaslCredentials.kerberos()).allowing(List.of(SaslMechanism.GSSAPI)).choose(List.of("gssapi")));
    }

    @Test
    void theCallersOrderWins() {
        SaslAuthenticator a = SaslAuthenticator.of(PASSWORD).allowing(List.of(SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_256));
        assertEquals(Optional.of(SaslMechanism.PLAIN), a.choose(DOVECOT));
        assertEquals(Optional.of(SaslMechanism.SCRAM_SHA_256), a.choose(List.of(" scram-sha-256 ", "LOGIN")));
        assertEquals(Optional.empty(), a.choose(List.of("LOGIN", "CRAM-MD5")));
        assertEquals(List.of(SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_256), a.order());
    }

    @Test
    void nothingIsSentWhenNoMechanismFits() {
        RecordingTransport t = new RecordingTransport(TestServers.forMechanism(SaslMechanism.PLAIN, "x"), true);
        SaslException e = assertThrows(SaslException.class,
                () -> SaslAuthenticator.of(PASSWORD).authenticate(t, List.of("GSSAPI", "X-FOO"), "pop", "localhost"));
        assertTrue(e.getMessage().contains("[GSSAPI, X-FOO]"), e.getMessage());
        assertEquals(0, t.messages);
    }

    @Test
    void misuseIsRefusedWithTheFailingValue() {
        SaslAuthenticator a = SaslAuthenticator.of(PASSWORD);
        assertThrows(IllegalArgumentException.class, () -> a.allowing(List.of()));
        var dup = assertThrows(IllegalArgumentException.class, () -> a.allowing(List.of(SaslMechanism.PLAIN, SaslMechanism.PLAIN)));
        assertTrue(dup.getMessage().contains("[PLAIN, PLAIN]"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.allowing(List.of(SaslMechanism.XOAUTH2)));
        assertThrows(IllegalArgumentException.class, () -> a.start(SaslMechanism.EXTERNAL, "pop", "h"));
        assertThrows(IllegalArgumentException.class, () -> SaslCredentials.password("", "p"::toCharArray));
        assertThrows(IllegalArgumentException.class, () -> SaslCredentials.password("a\0b", "p"::toCharArray));
        assertThrows(NullPointerException.class, () -> SaslCredentials.password("a", null));
        assertThrows(IllegalArgumentException.class, () -> PASSWORD.actingAs(""));
        assertEquals(Optional.of(SaslMechanism.SCRAM_SHA_1), SaslMechanism.named("scram-sha-1"));
        assertEquals(Optional.empty(), SaslMechanism.named("SCRAM-SHA-512"));
    }

    @Test
    void credentialsAndResponsesNeverShowTheSecret() throws SaslException {
        assertFalse(PASSWORD.toString().contains("s3cret"), PASSWORD.toString());
        assertFalse(TOKEN.toString().contains("tok-Secret"), TOKEN.toString());
        assertFalse(SaslAuthenticator.of(PASSWORD).toString().contains("s3cret"));
        try (SaslExchange plain = SaslAuthenticator.of(PASSWORD).start(SaslMechanism.PLAIN, "pop", "h")) {
            assertFalse(plain.initialResponse().orElseThrow().toString().contains("s3cret"));
        }
    }

    @Test
    void theSecretIsReadFromTheSupplierWhenNeededAndTheArrayZeroed() throws IOException {
        char[][] given = new char[1][];
        SaslCredentials c = SaslCredentials.password(TestServers.USER, () -> given[0] = TestServers.PASSWORD.toCharArray());
        RecordingTransport t = new RecordingTransport(TestServers.forMechanism(SaslMechanism.SCRAM_SHA_256, TestServers.PASSWORD), true);
        SaslAuthenticator.of(c).authenticate(t, List.of("SCRAM-SHA-256"), "pop", "localhost");
        assertEquals(new String(new char[TestServers.PASSWORD.length()]), new String(given[0]), "the supplier's array is zeroed");
    }

    @Test
    void aScramServerThatCannotProveThePasswordFailsEvenIfItSaysOk() throws IOException {
        TestServers.Scram forged = new TestServers.Scram(SaslMechanism.SCRAM_SHA_256, TestServers.PASSWORD, 4096);
        forged.forge = true;
        RecordingTransport t = new RecordingTransport(forged, true);
        SaslAuthenticator a = SaslAuthenticator.of(SaslCredentials.password(TestServers.USER, TestServers.PASSWORD::toCharArray));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> a.authenticate(t, List.of("SCRAM-SHA-256"), "pop", "h"));
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
        assertTrue(t.cancelled);

        TestServers.Scram silent = new TestServers.Scram(SaslMechanism.SCRAM_SHA_256, TestServers.PASSWORD, 4096);
        silent.skipFinal = true; // proof accepted, then a bare OK without v=
        RecordingTransport t2 = new RecordingTransport(silent, true);
        e = assertThrows(AuthenticationException.class, () -> a.authenticate(t2, List.of("SCRAM-SHA-256"), "pop", "h"));
        assertTrue(e.getMessage().contains("without proving"), e.getMessage());
    }

    @Test
    void aCancelThatFailsLeavesTheMechanismsErrorOnTop() {
        SaslTransport broken = new SaslTransport() {
            @Override
            public boolean initialResponseAllowed() {
                return true;
            }

            @Override
            public SaslReply start(SaslMechanism m, Optional<SaslResponse> ir) {
                return SaslReply.challenge("not a server-first message".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }

            @Override
            public SaslReply respond(SaslResponse r) {
                throw new AssertionError("no response expected");
            }

            @Override
            public SaslReply cancel() throws IOException {
                throw new java.net.SocketException("Connection reset");
            }
        };
        SaslException e = assertThrows(SaslException.class,
                () -> SaslAuthenticator.of(PASSWORD).authenticate(broken, List.of("SCRAM-SHA-1"), "pop", "h"));
        assertTrue(e.getMessage().startsWith("SCRAM-SHA-1: malformed"), e.getMessage());
        assertEquals("Connection reset", e.getSuppressed()[0].getMessage());
    }
}
