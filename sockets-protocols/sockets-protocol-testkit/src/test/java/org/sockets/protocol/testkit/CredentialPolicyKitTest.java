package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.PlainTextRefusedException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.TlsPolicy;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;

/**
 * The TLS credential policy against kit dialogues over loopback, with the kit's SSLEngine server:
 * the successful upgrade, and the named CVEs where a client sent credentials in clear. Each
 * failure asserts the exception, the server's transcript (nothing after the fault, no credential
 * in any encoding) and, through {@link NoDescriptorLeaks}, the descriptor count.
 */
@ExtendWith(NoDescriptorLeaks.class)
class CredentialPolicyKitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BODY = "Subject: x\r\n\r\n..dotted\r\n";
    private static final Script GREETING_CAPA = Script.of().send("+OK ready\r\n").expect("CAPA");

    @BeforeAll
    static void certificates() throws IOException {
        TestCertificates.get();
        try (HostileServer s = HostileServer.startImplicitTls(Script.of().send("+OK\r\n"), HostileServer.testTlsContext())) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.options().withTlsMode(TlsMode.IMPLICIT));
            Replies.pop3(c);
            c.close();
            s.awaitResult(WAIT);
        }
    }

    private static void assertNoCredential(String transcript) {
        for (String form : List.of(Kit.PASSWORD, b64(Kit.PASSWORD), b64("\0" + Kit.USER + "\0" + Kit.PASSWORD), "PASS")) {
            assertFalse(transcript.contains(form), "the server received " + form + ": " + transcript);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void credentialsUpgradeByThemselvesAndCapabilitiesAreAskedAgain() throws IOException {
        Script good = GREETING_CAPA.send("+OK\r\nUSER\r\nSTLS\r\n.\r\n")
                .expect("STLS").send("+OK begin TLS\r\n").startTls()
                .expect("CAPA").send("+OK\r\nUSER\r\n.\r\n")
                .expect("USER " + Kit.USER).send("+OK\r\n")
                .expect("PASS " + Kit.PASSWORD).send("+OK logged in\r\n")
                .expect("RETR 1").send("+OK\r\n" + BODY + ".\r\n")
                .expect("QUIT").send("+OK bye\r\n").awaitClose();
        List<String> transcript = new CopyOnWriteArrayList<>();
        ClientOptions o = Kit.withCredentials().withTranscript((d, line) -> transcript.add(d + " " + line));
        try (HostileServer s = HostileServer.start(good, HostileServer.testTlsContext())) {
            byte[] body = MiniPop3.retrieveFirst(s.address(), o);
            assertArrayEquals("Subject: x\r\n\r\n.dotted\r\n".getBytes(StandardCharsets.US_ASCII), body);
            HostileServer.Result r = s.awaitResult(WAIT);
            assertTrue(r.failure().isEmpty(), r.failure().toString());
            assertEquals("CAPA\r\nSTLS\r\nCAPA\r\nUSER alice\r\nPASS " + Kit.PASSWORD + "\r\nRETR 1\r\nQUIT\r\n", r.receivedText());
        }
        assertTrue(transcript.contains("SENT PASS ****"), transcript.toString());
        assertFalse(String.join("\n", transcript).contains(Kit.PASSWORD));
        assertEquals(2, transcript.stream().filter(l -> l.equals("SENT CAPA")).count(), "CAPA asked again after TLS");
    }

    @Test
    void theOldConnectionIsRetiredAfterTheUpgrade() throws IOException {
        Script upgrade = Script.of().expect("STLS").send("+OK\r\n").startTls().expect("NOOP").send("+OK\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(upgrade, HostileServer.testTlsContext())) {
            ProtocolConnection plain = ProtocolConnection.open("pop3", s.address(), Kit.withCredentials());
            plain.send(Command.of("STLS"));
            Replies.pop3(plain).expectOk("STLS");
            try (ProtocolConnection tls = plain.startTls()) {
                assertTrue(tls.isSecure());
                IllegalStateException x = assertThrows(IllegalStateException.class, () -> plain.send(Command.of("NOOP")));
                assertTrue(x.getMessage().contains("ask for capabilities again"), x.getMessage());
                plain.close(); // does not close what the TLS connection now owns
                tls.send(Command.of("NOOP"));
                assertTrue(Replies.pop3(tls).isPositive());
            }
            assertTrue(s.awaitResult(WAIT).failure().isEmpty());
        }
    }

    @Test
    void implicitTlsCarriesTheWholeSession() throws IOException {
        Script pop3s = GREETING_CAPA.send("+OK\r\nUSER\r\n.\r\n")
                .expect("USER " + Kit.USER).send("+OK\r\n")
                .expect("PASS " + Kit.PASSWORD).send("+OK\r\n")
                .expect("RETR 1").send("+OK\r\nx\r\n.\r\n").expect("QUIT").send("+OK\r\n").awaitClose();
        try (HostileServer s = HostileServer.startImplicitTls(pop3s, HostileServer.testTlsContext())) {
            assertArrayEquals("x\r\n".getBytes(StandardCharsets.US_ASCII),
                    MiniPop3.retrieveFirst(s.address(), Kit.withCredentials().withTlsMode(TlsMode.IMPLICIT)));
            assertTrue(s.awaitResult(WAIT).failure().isEmpty());
        }
    }

    @Test
    void aHandshakeThatFailsVerificationMeansNoCredential() throws IOException {
        Script upgrade = GREETING_CAPA.send("+OK\r\nSTLS\r\n.\r\n").expect("STLS").send("+OK begin\r\n").startTls().awaitClose();
        ClientOptions trustingNothingOfOurs = ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(5))
                .withCredentials(Kit.USER, Kit.PASSWORD::toCharArray);
        try (HostileServer s = HostileServer.start(upgrade, HostileServer.testTlsContext())) {
            StartTlsException x = assertThrows(StartTlsException.class, () -> MiniPop3.retrieveFirst(s.address(), trustingNothingOfOurs));
            assertTrue(x.getCause() instanceof org.sockets.tls.TlsVerificationException, String.valueOf(x.getCause()));
            String t = s.awaitResult(WAIT).receivedText();
            assertEquals("CAPA\r\nSTLS\r\n", t);
            assertNoCredential(t);
        }
    }

    /** CVE-2016-0772: smtplib carried on in clear when the server did not offer STARTTLS. */
    @Test
    void cve_2016_0772_noUpgradeOfferedMeansNoCredential() throws IOException {
        try (HostileServer s = HostileServer.start(GREETING_CAPA.send("+OK\r\nUSER\r\n.\r\n").awaitClose())) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                naive.readLine();
                naive.command("CAPA");
                naive.readDotBlock();
                naive.command("USER " + Kit.USER);
                naive.command("PASS " + Kit.PASSWORD);
            }
            assertTrue(s.awaitResult(WAIT).receivedText().contains("PASS " + Kit.PASSWORD), "naive: the password went in clear");
            StartTlsException x = assertThrows(StartTlsException.class, () -> MiniPop3.retrieveFirst(s.address(), Kit.withCredentials()));
            assertTrue(x.getMessage().contains("does not offer STLS"), x.getMessage());
            String t = s.awaitResult(WAIT).receivedText();
            assertEquals("CAPA\r\n", t, "nothing after the fault");
            assertNoCredential(t);
        }
    }

    /** curl CVE-2021-22946: a refused upgrade with --ssl-reqd carried on in clear. */
    @Test
    void cve_2021_22946_aRefusedUpgradeMeansNoCredential() throws IOException {
        Script refuse = GREETING_CAPA.send("+OK\r\nSTLS\r\n.\r\n").expect("STLS").send("-ERR not today\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(refuse)) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                naive.readLine();
                naive.command("CAPA");
                naive.readDotBlock();
                naive.command("STLS");
                naive.readLine(); // -ERR: a naive client goes on in clear
                naive.command("PASS " + Kit.PASSWORD);
            }
            assertTrue(s.awaitResult(WAIT).receivedText().contains("PASS " + Kit.PASSWORD), "naive: the password went in clear");
            StartTlsException x = assertThrows(StartTlsException.class, () -> MiniPop3.retrieveFirst(s.address(), Kit.withCredentials()));
            assertTrue(x.getMessage().contains("refused STLS: -ERR not today"), x.getMessage());
            String t = s.awaitResult(WAIT).receivedText();
            assertEquals("CAPA\r\nSTLS\r\n", t);
            assertNoCredential(t);
        }
    }

    /** curl CVE-2021-22947 / Mutt CVE-2020-14954: replies injected in clear after the go-ahead. */
    @Test
    void cve_2021_22947_injectedRepliesAfterTheGoAheadMeanNoCredential() throws IOException {
        Script inject = GREETING_CAPA.send("+OK\r\nSTLS\r\n.\r\n").expect("STLS")
                .send("+OK begin\r\n+OK\r\n+OK\r\n").startTls().awaitClose();
        try (HostileServer s = HostileServer.start(inject, HostileServer.testTlsContext())) {
            StartTlsException x = assertThrows(StartTlsException.class, () -> MiniPop3.retrieveFirst(s.address(), Kit.withCredentials()));
            assertTrue(x.getMessage().contains("in clear after agreeing to TLS"), x.getMessage());
            String t = s.awaitResult(WAIT).receivedText();
            assertEquals("CAPA\r\nSTLS\r\n", t);
            assertNoCredential(t);
        }
    }

    /** Thunderbird CVE-2020-12398: an IMAP server answering PREAUTH skipped the STARTTLS the user required. */
    @Test
    void cve_2020_12398_aServerSkippingAheadGetsNoSession() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("* PREAUTH IMAP4rev1 ready\r\n").awaitClose())) {
            ClientOptions o = Kit.withCredentials();
            ProtocolConnection c = ProtocolConnection.open("imap", s.address(), o);
            byte[] greeting = c.readLine(o.limits().replyLine(), c.readDeadline(), "greeting");
            TlsPolicy policy = TlsPolicy.of(o);
            assertTrue(policy.upgradeNeeded(c));
            assertTrue(new String(greeting, StandardCharsets.US_ASCII).startsWith("* PREAUTH"));
            StartTlsException x = assertThrows(StartTlsException.class, () -> {
                throw policy.skippedAhead(c, "greeted with * PREAUTH");
            });
            assertTrue(x.getMessage().contains("PREAUTH"));
            assertFalse(c.isOpen());
            assertEquals("", s.awaitResult(WAIT).receivedText());
        }
    }

    @Test
    void withThePlainTextOptInCredentialsGoInClearAndWithoutItNever() throws IOException {
        Script clear = GREETING_CAPA.send("+OK\r\nUSER\r\n.\r\n")
                .expect("USER " + Kit.USER).send("+OK\r\n")
                .expect("PASS " + Kit.PASSWORD).send("+OK\r\n")
                .expect("RETR 1").send("+OK\r\nx\r\n.\r\n").expect("QUIT").send("+OK\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(clear)) {
            assertArrayEquals("x\r\n".getBytes(StandardCharsets.US_ASCII),
                    MiniPop3.retrieveFirst(s.address(), Kit.withCredentials().withPlainTextCredentials()));
            assertTrue(s.awaitResult(WAIT).failure().isEmpty());
        }
        try (HostileServer s = HostileServer.start(Script.of().send("+OK\r\n").awaitClose())) {
            ClientOptions strict = Kit.withCredentials();
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), strict);
            Replies.pop3(c);
            assertThrows(PlainTextRefusedException.class, () -> TlsPolicy.of(strict).beforeCredentials(c));
            assertFalse(c.isOpen());
            String t = s.awaitResult(WAIT).receivedText();
            assertEquals("", t);
            assertNoCredential(t);
        }
    }
}
