package org.sockets.protocol.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.security.sasl.SaslException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Every mechanism's exchange, run whole against an in-memory server and then cut at every step:
 * the server refuses at step n (the exchange ends with its text, nothing more sent, no cancel),
 * or sends garbage at step n (the client cancels and reports it); with and without SASL-IR. The
 * transcript never shows the password or token, in any encoding.
 */
@ExtendWith(NoDescriptorLeaks.class)
class SaslExchangeTest {

    @BeforeAll
    static void warmUp() throws SaslException {
        TestServers.warmUp();
    }

    static final List<SaslMechanism> ALL = List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN, SaslMechanism.CRAM_MD5,
            SaslMechanism.DIGEST_MD5, SaslMechanism.SCRAM_SHA_1, SaslMechanism.SCRAM_SHA_256, SaslMechanism.XOAUTH2,
            SaslMechanism.OAUTHBEARER, SaslMechanism.EXTERNAL);

    static Stream<Arguments> cases() {
        return ALL.stream().flatMap(m -> Stream.of(Arguments.of(m, true), Arguments.of(m, false)));
    }

    static SaslCredentials credentials(SaslMechanism m, String secret) {
        return switch (m.needs()) {
            case PASSWORD -> SaslCredentials.password(TestServers.USER, secret::toCharArray);
            case BEARER_TOKEN -> SaslCredentials.bearerToken(TestServers.USER, secret::toCharArray);
            case NONE -> SaslCredentials.clientCertificate();
            case KERBEROS -> throw new AssertionError();
        };
    }

    static String secret(SaslMechanism m) {
        return m.needs() == SaslMechanism.Kind.BEARER_TOKEN ? TestServers.TOKEN : TestServers.PASSWORD;
    }

    static RecordingTransport run(SaslMechanism m, boolean ir, String clientSecret, int faultAt, RecordingTransport.Fault fault)
            throws IOException {
        RecordingTransport t = new RecordingTransport(TestServers.forMechanism(m, secret(m)), ir, faultAt, fault);
        SaslAuthenticator auth = SaslAuthenticator.of(credentials(m, clientSecret)).allowing(List.of(m));
        assertEquals(m, auth.authenticate(t, List.of(m.saslName()), "pop", "localhost"));
        return t;
    }

    @ParameterizedTest(name = "{0}, SASL-IR {1}")
    @MethodSource("cases")
    void logsInAndTheTranscriptHoldsNoSecret(SaslMechanism m, boolean ir) throws IOException {
        RecordingTransport t = run(m, ir, secret(m), -1, RecordingTransport.Fault.NONE);
        assertTrue(t.transcriptText().endsWith("S: +OK Logged in."), t.transcriptText());
        assertNoSecret(t, secret(m));
        if (!ir && (m == SaslMechanism.PLAIN || m.name().startsWith("SCRAM") || m.needs() == SaslMechanism.Kind.BEARER_TOKEN)) {
            // Without SASL-IR the client-first message answers the server's empty first challenge.
            assertEquals("S: + ", t.transcript.get(1));
        }
    }

    @ParameterizedTest(name = "{0}, SASL-IR {1}")
    @MethodSource("cases")
    void aWrongSecretEndsWithTheServersText(SaslMechanism m, boolean ir) throws IOException {
        if (m == SaslMechanism.EXTERNAL) {
            return; // no secret to get wrong: the certificate decides, tested against dovecot
        }
        RecordingTransport t = new RecordingTransport(TestServers.forMechanism(m, secret(m)), ir);
        SaslAuthenticator auth = SaslAuthenticator.of(credentials(m, "wrong-" + secret(m))).allowing(List.of(m));
        SaslRejectedException e = assertThrows(SaslRejectedException.class, () -> auth.authenticate(t, List.of(m.saslName()), "pop", "localhost"));
        assertEquals("-ERR", e.code(), e.getMessage());
        assertEquals(m, e.mechanism());
        // one catch for every refused login, password or SASL
        assertInstanceOf(org.sockets.protocol.AuthenticationFailedException.class, e);
        if (m.needs() == SaslMechanism.Kind.BEARER_TOKEN) {
            assertTrue(e.mechanismError().orElseThrow().contains("\"status\":\"401\""), e.getMessage());
        }
        assertFalse(t.cancelled);
        assertNoSecret(t, secret(m));
        assertNoSecret(t, "wrong-" + secret(m));
    }

    @ParameterizedTest(name = "{0}, SASL-IR {1}")
    @MethodSource("cases")
    void aRefusalAtAnyStepEndsTheExchangeWithTheServersText(SaslMechanism m, boolean ir) throws IOException {
        int steps = run(m, ir, secret(m), -1, RecordingTransport.Fault.NONE).messages;
        assertTrue(steps >= 1 && steps <= 4, m + " took " + steps + " steps");
        for (int k = 0; k < steps; k++) {
            int step = k;
            RecordingTransport t = new RecordingTransport(TestServers.forMechanism(m, secret(m)), ir, k, RecordingTransport.Fault.FAIL);
            SaslAuthenticator auth = SaslAuthenticator.of(credentials(m, secret(m))).allowing(List.of(m));
            SaslRejectedException e = assertThrows(SaslRejectedException.class,
                    () -> auth.authenticate(t, List.of(m.saslName()), "pop", "localhost"), "step " + step);
            assertEquals("-ERR", e.code());
            assertEquals("[AUTH] refused at step " + k, e.text());
            assertTrue(e.getMessage().contains(m.saslName()) && e.getMessage().contains("refused at step " + k), e.getMessage());
            assertEquals(k + 1, t.messages, "nothing is sent after the refusal");
            assertFalse(t.cancelled);
            assertNoSecret(t, secret(m));
        }
    }

    @ParameterizedTest(name = "{0}, SASL-IR {1}")
    @MethodSource("cases")
    void garbageAtAnyStepIsCancelledWithATypedError(SaslMechanism m, boolean ir) throws IOException {
        int steps = run(m, ir, secret(m), -1, RecordingTransport.Fault.NONE).messages;
        for (int k = 0; k < steps; k++) {
            int step = k;
            RecordingTransport t = new RecordingTransport(TestServers.forMechanism(m, secret(m)), ir, k, RecordingTransport.Fault.GARBAGE);
            SaslAuthenticator auth = SaslAuthenticator.of(credentials(m, secret(m))).allowing(List.of(m));
            if (m == SaslMechanism.LOGIN && k < 2) {
                // LOGIN's prompts are free text: the first asks for the user name, the next for the password.
                auth.authenticate(t, List.of(m.saslName()), "pop", "localhost");
                continue;
            }
            IOException e = assertThrows(IOException.class, () -> auth.authenticate(t, List.of(m.saslName()), "pop", "localhost"),
                    "step " + step + ": " + t.transcript);
            assertTrue(e instanceof SaslException || e instanceof SaslRejectedException, e.toString());
            if (e instanceof SaslException) {
                assertTrue(t.cancelled, "a mechanism that cannot go on cancels: " + t.transcript);
                assertTrue(e.getMessage().contains("-ERR Authentication aborted by client."), e.getMessage());
            } else {
                assertInstanceOf(SaslRejectedException.class, e);
            }
            assertNoSecret(t, secret(m));
        }
    }

    /** The transcript shows the secret in no encoding, and every response that holds it is marked secret. */
    static void assertNoSecret(RecordingTransport t, String secret) {
        String text = t.transcriptText();
        for (String form : encodings(secret)) {
            assertFalse(text.contains(form), "the transcript shows the secret as " + form + ":\n" + text);
        }
        for (SaslResponse r : t.sent) {
            if (!r.secret()) {
                String shown = new String(r.bytes(), StandardCharsets.UTF_8);
                assertFalse(shown.contains(secret), "a response not marked secret holds it: " + shown);
            }
            assertFalse(r.toString().contains(secret) && r.secret(), r.toString());
        }
    }

    /** The secret as text, hex, and base64 at each of the three byte alignments (middle blocks only). */
    static List<String> encodings(String secret) {
        List<String> forms = new ArrayList<>();
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(secret);
        forms.add(HexFormat.of().formatHex(raw));
        forms.add(HexFormat.of().withUpperCase().formatHex(raw));
        for (int pad = 0; pad < 3; pad++) {
            byte[] padded = new byte[pad + raw.length];
            System.arraycopy(raw, 0, padded, pad, raw.length);
            String b64 = Base64.getEncoder().encodeToString(padded);
            // Drop the first block (holds the padding) when padded, and the last block (depends on
            // what follows): what is left appears whenever the secret does, at this alignment.
            String middle = b64.substring(pad == 0 ? 0 : 4, b64.length() - 4);
            if (middle.length() >= 8) {
                forms.add(middle);
            }
        }
        return forms;
    }
}
