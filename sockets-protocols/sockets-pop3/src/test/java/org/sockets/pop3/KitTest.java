package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.Limits;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.PlainTextRefusedException;
import org.sockets.protocol.ProtocolException;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;

/**
 * What real servers will not do, from the protocol test kit's scripted server: every bad-input
 * case of the POP3 issue ends in a typed error, with no credential on the wire and nothing leaked.
 */
@ExtendWith(NoDescriptorLeaks.class)
class KitTest {

    static final String PASSWORD = "hunter2-secret";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String GREETING = "+OK ready <1896.697170952@dbc.mtview.ca.us>\r\n";
    /** Greeting, CAPA, USER/PASS in clear (the opt-in): where most scripts start. */
    static final Script LOGGED_IN = Script.of().send(GREETING)
            .expect("CAPA").send("+OK\r\nUSER\r\nPIPELINING\r\n.\r\n")
            .expect("USER alice").send("+OK\r\n")
            .expect("PASS " + PASSWORD).send("+OK logged in\r\n");

    /** The JDK's once-per-process descriptors (random devices, TLS) open before the first count. */
    @org.junit.jupiter.api.BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(TortureTest.SESSION, HostileServer.testTlsContext())) {
            TortureTest.session(s, options().withCredentials("alice", PASSWORD::toCharArray), () -> { });
            s.awaitResult(WAIT);
        }
    }

    static ClientOptions options() throws IOException {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(5))
                .withTrustedCertificates(TestCertificates.get().caPem());
    }

    static ClientOptions plainCredentials() throws IOException {
        return options().withCredentials("alice", PASSWORD::toCharArray).withPlainTextCredentials();
    }

    static Pop3Client connect(HostileServer s, ClientOptions o) throws IOException {
        return Pop3Client.builder("127.0.0.1").port(s.port()).options(o).connect();
    }

    static void noPassword(HostileServer.Result r) {
        assertFalse(r.receivedText().contains(PASSWORD), "the password went on the wire: " + r.receivedText());
        assertFalse(r.receivedText().contains("PASS") || r.receivedText().contains("APOP") || r.receivedText().contains("AUTH"),
                "a credential command went on the wire: " + r.receivedText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"close", "reset", "timeout"})
    void aBodyCutBeforeItsDotIsAnErrorThatSaysHowMuchCame(String how) throws IOException {
        Script body = LOGGED_IN.expect("RETR 1").send("+OK\r\nSubject: x\r\n\r\npart of a bo");
        Script script = switch (how) {
            case "close" -> body.close();
            case "reset" -> body.reset();
            default -> body.delay(Duration.ofSeconds(3)).close();
        };
        ClientOptions o = how.equals("timeout") ? plainCredentials().withReadTimeout(Duration.ofSeconds(1)) : plainCredentials();
        try (HostileServer s = HostileServer.start(script); Pop3Client pop = connect(s, o)) {
            InputStream in = pop.retrieve(1);
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            switch (how) {
                case "close" -> {
                    TruncatedTransferException t = assertInstanceOf(TruncatedTransferException.class, e);
                    assertEquals("Subject: x\r\n\r\npart of a bo".length(), t.received(), t.getMessage());
                    assertTrue(t.getMessage().contains("after " + t.received() + " bytes"), t.getMessage());
                }
                case "timeout" -> assertInstanceOf(SocketTimeoutException.class, e);
                default -> assertFalse(e instanceof TruncatedTransferException && ((TruncatedTransferException) e).received() == 0);
            }
            assertThrows(IllegalStateException.class, pop::noop, "the session is closed after a cut body");
            s.awaitResult(WAIT);
        }
    }

    @Test
    void aHugeClaimedSizeIsNeverAllocated() throws IOException {
        Script script = LOGGED_IN.expect("LIST").send("+OK\r\n1 999999999999999999\r\n.\r\n")
                .expect("RETR 1").send("+OK\r\nSubject: small\r\n\r\nx\r\n.\r\n")
                .expect("LIST 2").send("+OK 2 99999999999999999999\r\n");
        try (HostileServer s = HostileServer.start(script); Pop3Client pop = connect(s, plainCredentials())) {
            assertEquals(List.of(new MessageInfo(1, 999_999_999_999_999_999L)), pop.list());
            // Under the surefire heap, allocating the claim would be an OutOfMemoryError.
            assertArrayEquals("Subject: small\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII), pop.retrieveBytes(1));
            MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> pop.list(2));
            assertTrue(e.getMessage().contains("more than 18 digits"), e.getMessage());
            s.awaitResult(WAIT);
        }
    }

    @Test
    void anEndlessBodyLineFailsAtTheLimitWithFlatMemory() throws IOException {
        Script script = LOGGED_IN.expect("RETR 1").send("+OK\r\n").sendRepeated("x", 64L << 20);
        ClientOptions o = plainCredentials().withLimits(Limits.defaults().withBodyLine(64 * 1024));
        try (HostileServer s = HostileServer.start(script); Pop3Client pop = connect(s, o)) {
            InputStream in = pop.retrieve(1);
            LimitExceededException e = assertThrows(LimitExceededException.class, in::readAllBytes);
            assertEquals(64 * 1024, e.limit());
            s.awaitResult(WAIT);
        }
    }

    @Test
    void anEndlessBodyFailsAtTheInMemoryLimit() throws IOException {
        Script script = LOGGED_IN.expect("RETR 1").send("+OK\r\n").sendRepeated("line of an endless body\r\n", 64L << 20);
        ClientOptions o = plainCredentials().withLimits(Limits.defaults().withInMemoryBody(1 << 20));
        try (HostileServer s = HostileServer.start(script); Pop3Client pop = connect(s, o)) {
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> pop.retrieveBytes(1));
            assertEquals(1 << 20, e.limit());
            s.awaitResult(WAIT);
        }
    }

    @Test
    void anEndlessStatusLineFailsAtTheReplyLineLimit() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("+OK ").sendRepeated("y", 1L << 30))) {
            assertThrows(LimitExceededException.class, () -> connect(s, options()));
            s.awaitResult(WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+OK many words", "+OK -1 0", "+OK 1", "+OK ١ 2", "+OK 3 4x"})
    void anOkWithGarbageIsMalformed(String reply) throws IOException {
        Script script = LOGGED_IN.expect("STAT").send(reply + "\r\n");
        try (HostileServer s = HostileServer.start(script); Pop3Client pop = connect(s, plainCredentials())) {
            assertThrows(MalformedReplyException.class, pop::stat);
            s.awaitResult(WAIT);
        }
    }

    @Test
    void aReplyThatIsNotPop3IsMalformed() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("220 smtp.example.org ESMTP\r\n"))) {
            assertThrows(MalformedReplyException.class, () -> connect(s, options()));
            s.awaitResult(WAIT);
        }
    }

    @Test
    void aRefusedStlsIsATypedErrorAndNoCredentialIsSent() throws IOException {
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nSTLS\r\nUSER\r\n.\r\n")
                .expect("STLS").send("-ERR [SYS/TEMP] not now\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script, HostileServer.testTlsContext())) {
            StartTlsException e = assertThrows(StartTlsException.class,
                    () -> connect(s, options().withCredentials("alice", PASSWORD::toCharArray)));
            assertTrue(e.getMessage().contains("refused STLS"), e.getMessage());
            HostileServer.Result r = s.awaitResult(WAIT);
            noPassword(r);
            assertEquals("CAPA\r\nSTLS\r\n", r.receivedText());
        }
    }

    @Test
    void bytesAfterTheStlsGoAheadAreRefused() throws IOException {
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nSTLS\r\n.\r\n")
                .expect("STLS").send("+OK begin TLS\r\n+OK injected\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script, HostileServer.testTlsContext())) {
            StartTlsException e = assertThrows(StartTlsException.class,
                    () -> connect(s, options().withCredentials("alice", PASSWORD::toCharArray)));
            assertTrue(e.getMessage().contains("in clear after agreeing"), e.getMessage());
            noPassword(s.awaitResult(WAIT));
        }
    }

    @Test
    void aServerWithoutStlsWhenTlsIsRequiredGetsNoCredential() throws IOException {
        // It skips ahead: no STLS offered, and it would take USER/PASS in clear.
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n")
                .expect("USER alice").send("+OK\r\n").expectAnyLine().send("+OK\r\n");
        try (HostileServer s = HostileServer.start(script)) {
            StartTlsException e = assertThrows(StartTlsException.class,
                    () -> connect(s, options().withCredentials("alice", PASSWORD::toCharArray)));
            assertTrue(e.getMessage().contains("does not offer STLS"), e.getMessage());
            HostileServer.Result r = s.awaitResult(WAIT);
            noPassword(r);
            assertEquals("CAPA\r\n", r.receivedText());
        }
    }

    @Test
    void aServerWithoutCapaWhenTlsIsRequiredGetsNoCredential() throws IOException {
        Script script = Script.of().send(GREETING).expect("CAPA").send("-ERR unknown command\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            assertThrows(StartTlsException.class, () -> connect(s, options().withCredentials("alice", PASSWORD::toCharArray)));
            noPassword(s.awaitResult(WAIT));
        }
    }

    @Test
    void apopUsesTheGreetingTimestampAndOnlyWhenThereIsOne() throws IOException {
        // RFC 1939 §7's example: timestamp <1896.697170952@dbc.mtview.ca.us>, secret "tanstaaf".
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\n.\r\n")
                .expect("APOP mrose c4c9334bac560ecc979e58001b3e22fb").send("+OK maildrop has 1 message (369 octets)\r\n")
                .expect("QUIT").send("+OK\r\n");
        ClientOptions o = options().withCredentials("mrose", "tanstaaf"::toCharArray).withPlainTextCredentials();
        try (HostileServer s = HostileServer.start(script)) {
            try (Pop3Client pop = Pop3Client.builder("127.0.0.1").port(s.port()).options(o).login(Pop3Login.apop()).connect()) {
                pop.quit();
            }
            assertEquals(Optional.empty(), s.awaitResult(WAIT).failure());
        }
        Script noStamp = Script.of().send("+OK ready\r\n").expect("CAPA").send("+OK\r\n.\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(noStamp)) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> Pop3Client.builder("127.0.0.1").port(s.port()).options(o).login(Pop3Login.apop()).connect());
            assertTrue(e.getMessage().contains("no"), e.getMessage());
            assertEquals("CAPA\r\n", s.awaitResult(WAIT).receivedText());
        }
    }

    @Test
    void withoutTlsOrTheOptInNoCredentialGoesInClear() throws IOException {
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nUSER\r\n.\r\n").awaitClose();
        ClientOptions o = options().withCredentials("alice", PASSWORD::toCharArray)
                .withTlsMode(org.sockets.protocol.TlsMode.STARTTLS);
        try (HostileServer s = HostileServer.start(script)) {
            assertThrows(StartTlsException.class, () -> connect(s, o));
            noPassword(s.awaitResult(WAIT));
        }
        assertThrows(IllegalArgumentException.class, () -> options().withCredentials("alice", PASSWORD::toCharArray)
                .withTlsMode(org.sockets.protocol.TlsMode.NONE));
        assertTrue(PlainTextRefusedException.class.getSuperclass() == ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[IN-USE] locked", "[LOGIN-DELAY] wait", "[SYS/TEMP] disk", "[SYS/PERM] gone", "[AUTH] wrong", "[SYS/TEMP/DISK] full", "[X-FOO] other", "plain"})
    void responseCodesAreTyped(String text) throws IOException {
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nUSER\r\n.\r\n")
                .expect("USER alice").send("+OK\r\n").expect("PASS " + PASSWORD).send("-ERR " + text + "\r\n");
        try (HostileServer s = HostileServer.start(script)) {
            org.sockets.protocol.NegativeReplyException e = assertThrows(org.sockets.protocol.NegativeReplyException.class,
                    () -> connect(s, plainCredentials()));
            Optional<ResponseCode> expected = switch (text.split(" ")[0]) {
                case "[IN-USE]" -> Optional.of(ResponseCode.IN_USE);
                case "[LOGIN-DELAY]" -> Optional.of(ResponseCode.LOGIN_DELAY);
                case "[SYS/TEMP]", "[SYS/TEMP/DISK]" -> Optional.of(ResponseCode.SYS_TEMP);
                case "[SYS/PERM]" -> Optional.of(ResponseCode.SYS_PERM);
                case "[AUTH]" -> Optional.of(ResponseCode.AUTH);
                case "[X-FOO]" -> Optional.of(ResponseCode.OTHER);
                default -> Optional.empty();
            };
            // About the credentials (no code, [AUTH]): an authentication failure; else a plain refusal.
            boolean credentials = expected.isEmpty() || expected.get() == ResponseCode.AUTH;
            Optional<ResponseCode> got = credentials
                    ? assertInstanceOf(Pop3AuthenticationException.class, e).responseCode()
                    : assertInstanceOf(Pop3ReplyException.class, e).responseCode();
            assertEquals(expected, got, e.getMessage());
            assertEquals("-ERR", e.code());
            assertEquals(text, e.text());
            assertTrue(e.getMessage().startsWith("PASS **** refused"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD));
            s.awaitResult(WAIT);
        }
    }

    @Test
    void utf8ModeIsAskedForWhenOfferedAndNamesGoAsUtf8() throws IOException {
        String user = "jörg";
        String password = "pässwörd";
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nUSER\r\nUTF8 USER\r\n.\r\n")
                .expect("UTF8").send("+OK UTF8 enabled\r\n")
                .expect("USER " + user).send("+OK\r\n").expect("PASS " + password).send("+OK\r\n")
                .expect("QUIT").send("+OK\r\n");
        ClientOptions o = options().withCredentials(user, password::toCharArray).withPlainTextCredentials();
        try (HostileServer s = HostileServer.start(script)) {
            try (Pop3Client pop = Pop3Client.builder("127.0.0.1").port(s.port()).options(o).utf8(true).connect()) {
                assertTrue(pop.isUtf8());
                pop.quit();
            }
            assertEquals(Optional.empty(), s.awaitResult(WAIT).failure());
        }
    }

    @Test
    void pipelinedRetrievalsMatchRepliesInOrderAndARefusalStopsSending() throws IOException {
        Script script = LOGGED_IN.expect("RETR 1").expect("RETR 2").expect("RETR 3")
                .send("+OK\r\n..one\r\n.\r\n-ERR no such message\r\n+OK\r\nthree\r\n.\r\n")
                .expect("NOOP").send("+OK\r\n");
        try (HostileServer s = HostileServer.start(script); Pop3Client pop = connect(s, plainCredentials())) {
            StringBuilder got = new StringBuilder();
            Pop3ReplyException e = assertThrows(Pop3ReplyException.class, () -> pop.retrieveEach(List.of(1, 2, 3),
                    (n, body) -> got.append(n).append(':').append(new String(body.readAllBytes(), StandardCharsets.US_ASCII))));
            assertEquals("RETR 2 refused: -ERR no such message", e.getMessage());
            assertEquals("1:.one\r\n3:three\r\n", got.toString());
            pop.noop(); // still in step
            assertEquals(Optional.empty(), s.awaitResult(WAIT).failure());
        }
    }

    @Test
    void anInitialResponseThatWouldMakeAuthLongerThan255OctetsWaitsForTheEmptyChallenge() throws IOException {
        String longPassword = "p".repeat(200); // AUTH PLAIN + base64("\0alice\0" + 200 chars) > 255 octets
        Script script = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nSASL PLAIN\r\n.\r\n")
                .expect("AUTH PLAIN").send("+ \r\n")
                .expect(java.util.Base64.getEncoder().encodeToString(("\0alice\0" + longPassword).getBytes(StandardCharsets.UTF_8)))
                .send("+OK logged in\r\n").expect("QUIT").send("+OK\r\n");
        ClientOptions o = options().withCredentials("alice", longPassword::toCharArray).withPlainTextCredentials();
        try (HostileServer s = HostileServer.start(script)) {
            try (Pop3Client pop = Pop3Client.builder("127.0.0.1").port(s.port()).options(o).connect()) {
                pop.quit();
            }
            assertEquals(Optional.empty(), s.awaitResult(WAIT).failure());
        }
        Script shortOne = Script.of().send(GREETING).expect("CAPA").send("+OK\r\nSASL PLAIN\r\n.\r\n")
                .expect("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .send("+OK logged in\r\n").expect("QUIT").send("+OK\r\n");
        try (HostileServer s = HostileServer.start(shortOne)) {
            try (Pop3Client pop = connect(s, plainCredentials())) {
                pop.quit();
            }
            assertEquals(Optional.empty(), s.awaitResult(WAIT).failure(), "a short initial response goes with AUTH");
        }
    }

    @Test
    void aCommandArgumentCannotSmuggleAnotherCommand() {
        assertThrows(IllegalArgumentException.class, () -> options().withCredentials("alice\r\nDELE 1", PASSWORD::toCharArray));
    }
}
