package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The credential path at DEBUG, through a capturing slf4j provider: PASS, AUTH PLAIN and AUTH
 * LOGIN show {@code ****}; neither the password nor any base64 form of it reaches a log line or
 * the transcript.
 */
@ExtendWith(NoDescriptorLeaks.class)
class CredentialMaskingTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "hunter2-Ünïcode";
    private final List<String> transcript = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        CapturingLogs.clear();
    }

    private ClientOptions options(boolean plainText) {
        ClientOptions o = Inputs.options().withTranscript((d, line) -> transcript.add(d + " " + line));
        o = plainText ? o.withPlainTextCredentials() : o;
        return o.withCredentials(USER, PASSWORD::toCharArray);
    }

    /** The password's forms an attacker reading logs could use: as is, and every base64 it went out in. */
    private static List<String> forms(byte[] wire) {
        List<String> forms = new ArrayList<>();
        forms.add(PASSWORD);
        forms.add(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        forms.add(Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        // and each base64 token actually sent
        for (String line : new String(wire, StandardCharsets.UTF_8).split("\r\n")) {
            String[] words = line.split(" ");
            String last = words[words.length - 1];
            if (last.length() >= 8) {
                forms.add(last);
            }
        }
        return forms;
    }

    @Test
    void passAuthPlainAndAuthLoginAreMaskedInLogsAndTranscript() throws IOException {
        MemoryEndpoint e = MemoryEndpoint.of();
        ClientOptions o = options(true);
        ProtocolConnection c = Inputs.connection(e, o);
        Credentials cred = o.credentials().orElseThrow();
        c.send(Command.of("USER", USER));
        c.sendCredential(Command.of("PASS"), Secret.password(cred));
        byte[] plain = ("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8);
        c.sendCredential(Command.of("AUTH", "PLAIN"), Secret.base64(plain));
        c.send(Command.of("AUTH", "LOGIN"));
        c.sendCredential(Command.none(), Secret.base64(USER.getBytes(StandardCharsets.UTF_8)));
        c.sendCredential(Command.none(), Secret.base64(PASSWORD.getBytes(StandardCharsets.UTF_8)));

        String wire = e.sent.toString(StandardCharsets.UTF_8);
        assertTrue(wire.contains("PASS " + PASSWORD + "\r\n"), "the password itself went out");
        String logs = CapturingLogs.all();
        String tr = String.join("\n", transcript);
        assertTrue(logs.contains("org.sockets.test|DEBUG|C: PASS ****"), logs);
        assertTrue(logs.contains("C: AUTH PLAIN ****"), logs);
        assertTrue(logs.contains("C: AUTH LOGIN"), logs);
        assertEquals(List.of("SENT USER alice", "SENT PASS ****", "SENT AUTH PLAIN ****", "SENT AUTH LOGIN", "SENT ****", "SENT ****"), transcript);
        for (String form : forms(e.sent.toByteArray())) {
            assertFalse(logs.contains(form), "log holds " + form + ":\n" + logs);
            assertFalse(tr.contains(form), "transcript holds " + form);
        }
    }

    @Test
    void withoutTlsOrTheOptInNoCredentialByteIsSent() {
        MemoryEndpoint e = MemoryEndpoint.of();
        ClientOptions o = options(false);
        char[][] given = new char[1][];
        Credentials cred = Credentials.of(USER, () -> given[0] = PASSWORD.toCharArray());
        ProtocolConnection c = Inputs.connection(e, o);
        assertThrows(PlainTextRefusedException.class, () -> c.sendCredential(Command.of("PASS"), Secret.password(cred)));
        assertEquals(0, e.sent.size());
        assertFalse(e.isOpen(), "the refusal closes the connection");
        assertEquals("\0".repeat(PASSWORD.length()), new String(given[0]), "the supplier's array was zeroed");
        assertFalse(CapturingLogs.all().contains(PASSWORD));
        assertThrows(PlainTextRefusedException.class, () -> TlsPolicy.of(o).beforeCredentials(Inputs.connection(MemoryEndpoint.of(), o)));
    }

    @Test
    void aSecretIsZeroedAndUsableOnce() throws IOException {
        ProtocolConnection c = Inputs.connection(MemoryEndpoint.of(), options(true));
        Secret s = Secret.base64(new byte[] {1, 2, 3});
        c.sendCredential(Command.none(), s);
        assertThrows(IllegalStateException.class, () -> c.sendCredential(Command.none(), s));
        assertEquals("Secret[****]", s.toString());
        assertFalse(Credentials.of("bob", PASSWORD::toCharArray).toString().contains(PASSWORD));
    }
}
