package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.TranscriptListener;
import org.sockets.protocol.sasl.SaslAuthenticator;
import org.sockets.protocol.sasl.SaslCredentials;
import org.sockets.protocol.sasl.SaslMechanism;
import org.sockets.protocol.testkit.Dovecot;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * The client with others against dovecot: every SASL mechanism through {@code AUTH}, Python's
 * poplib as an oracle (LIST, UIDL and RETR bytes equal ours), the URL front door, and a
 * jakarta.mail {@code MimeMessage} reading our stream.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DovecotInteropTest {

    static Dovecot dovecot;

    @BeforeAll
    static void start() throws Exception {
        Once.jdk();
        dovecot = Dovecot.start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @BeforeEach
    void fill() throws IOException {
        dovecot.clearMailbox("alice");
        for (byte[] m : Messages.tricky()) {
            dovecot.deliver("alice", m);
        }
    }

    static ClientOptions tls() throws IOException {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)).withTrustedCertificates(dovecot.caPem());
    }

    static ClientOptions alice() throws IOException {
        return tls().withCredentials("alice", dovecot.password("alice")::toCharArray);
    }

    static Pop3Client.Builder client(ClientOptions o) {
        return Pop3Client.builder("localhost").port(o.tlsMode().orElse(TlsMode.STARTTLS) == TlsMode.IMPLICIT
                ? dovecot.pop3sPort() : dovecot.pop3Port()).options(o);
    }

    @ParameterizedTest
    @EnumSource(value = SaslMechanism.class, names = {"PLAIN", "LOGIN", "CRAM_MD5", "DIGEST_MD5", "SCRAM_SHA_1", "SCRAM_SHA_256"})
    void eachPasswordMechanismLogsInAndAWrongSecretGetsTheServersText(SaslMechanism m) throws IOException {
        List<String> transcript = new ArrayList<>();
        ClientOptions o = alice().withTranscript((d, line) -> transcript.add(d + " " + line));
        SaslAuthenticator auth = SaslAuthenticator.of(SaslCredentials.password("alice", dovecot.password("alice")::toCharArray))
                .allowing(List.of(m));
        try (Pop3Client pop = client(o).login(Pop3Login.sasl(auth)).connect()) {
            assertEquals(4, pop.stat().count());
            pop.quit();
        }
        String all = String.join("\n", transcript);
        assertTrue(all.contains("AUTH " + m.saslName()), all);
        assertFalse(all.contains(dovecot.password("alice")), all);
        SaslAuthenticator wrong = SaslAuthenticator.of(SaslCredentials.password("alice", "wrong"::toCharArray)).allowing(List.of(m));
        Pop3AuthenticationException e = assertThrows(Pop3AuthenticationException.class,
                () -> client(alice()).login(Pop3Login.sasl(wrong)).connect());
        assertTrue(e.text().contains("Authentication failed"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SaslMechanism.class, names = {"XOAUTH2", "OAUTHBEARER"})
    void bearerTokensLogIn(SaslMechanism m) throws IOException {
        SaslAuthenticator auth = SaslAuthenticator.of(SaslCredentials.bearerToken("alice", dovecot.bearerToken("alice")::toCharArray))
                .allowing(List.of(m));
        try (Pop3Client pop = client(tls().withTlsMode(TlsMode.IMPLICIT)).login(Pop3Login.sasl(auth)).connect()) {
            assertEquals(4, pop.stat().count());
            pop.quit();
        }
        SaslAuthenticator bad = SaslAuthenticator.of(SaslCredentials.bearerToken("alice", "not-a-token"::toCharArray)).allowing(List.of(m));
        assertThrows(Pop3AuthenticationException.class, () -> client(tls().withTlsMode(TlsMode.IMPLICIT)).login(Pop3Login.sasl(bad)).connect());
    }

    @Test
    void externalLogsInWithTheClientCertificate() throws IOException {
        ClientOptions o = ClientOptions.defaults().withTlsMode(TlsMode.IMPLICIT)
                .withTls(org.sockets.tls.TlsOptions.defaults().withSslContext(dovecot.clientTls("alice")));
        SaslAuthenticator auth = SaslAuthenticator.of(SaslCredentials.clientCertificate()).allowing(List.of(SaslMechanism.EXTERNAL));
        try (Pop3Client pop = client(o).login(Pop3Login.sasl(auth)).connect()) {
            assertEquals(4, pop.stat().count());
            pop.quit();
        }
    }

    @Test
    void apopAndUserPassAndTheDefaultChoice() throws IOException {
        try (Pop3Client pop = client(alice()).login(Pop3Login.apop()).connect()) {
            assertTrue(pop.greeting().contains("<"), pop.greeting());
            assertEquals(4, pop.stat().count());
            pop.quit();
        }
        try (Pop3Client pop = client(alice()).login(Pop3Login.userPass()).connect()) {
            assertEquals(4, pop.list().size());
            pop.quit();
        }
        List<String> transcript = new ArrayList<>();
        try (Pop3Client pop = client(alice().withTranscript((d, l) -> transcript.add(l))).connect()) {
            pop.quit();
        }
        assertTrue(transcript.stream().anyMatch(l -> l.startsWith("AUTH SCRAM-SHA-256 ")), "the default is the strongest offered: " + transcript);
    }

    @Test
    void poplibListsUidlsAndRetrievesWhatWeDo() throws IOException {
        Map<String, List<String>> py = poplib("""
                p = poplib.POP3_SSL('localhost', POP3S, context=ssl.create_default_context(cafile=CA))
                p.user('alice'); p.pass_(PASSWORD)
                emit('list', [l.decode() for l in p.list()[1]])
                emit('uidl', [l.decode() for l in p.uidl()[1]])
                for i in range(1, len(p.list()[1]) + 1):
                    emit('retr', [base64.b64encode(b''.join(l + b'\\r\\n' for l in p.retr(i)[1])).decode()])
                p.quit()
                """);
        try (Pop3Client pop = client(alice().withTlsMode(TlsMode.IMPLICIT)).connect()) {
            assertEquals(py.get("list"), pop.list().stream().map(m -> m.number() + " " + m.size()).toList());
            assertEquals(py.get("uidl"), pop.uidl().stream().map(u -> u.number() + " " + u.uid()).toList());
            for (int i = 0; i < py.get("retr").size(); i++) {
                byte[] ours = pop.retrieveBytes(i + 1);
                byte[] theirs = Base64.getDecoder().decode(py.get("retr").get(i));
                // poplib drops the CRLF of the last line and keeps the rest; both add it back alike.
                assertArrayEquals(theirs, ours, "RETR " + (i + 1));
            }
            pop.quit();
        }
    }

    @Test
    void theFrontDoorFetchesAMessageAndTheListing() throws IOException {
        int port = dovecot.pop3Port();
        try (Retrieval r = Protocols.open(URI.create("pop3://alice@localhost:" + port + "/2"), alice())) {
            assertArrayEquals(Messages.tricky().get(1), r.body().readAllBytes());
            assertEquals(Messages.tricky().get(1).length, r.length().orElseThrow());
            assertEquals("message/rfc822", r.contentType().orElseThrow());
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            expected.append(i + 1).append(' ').append(Messages.tricky().get(i).length).append("\r\n");
        }
        try (Retrieval r = Protocols.open(URI.create("pop3s://alice;auth=SCRAM-SHA-1@localhost:" + dovecot.pop3sPort() + "/"), alice())) {
            assertEquals(expected.toString(), new String(r.body().readAllBytes(), StandardCharsets.US_ASCII));
        }
        try (Retrieval r = Protocols.open(URI.create("pop://alice;AUTH=+APOP@localhost:" + port + "/4"), alice())) {
            assertArrayEquals(Messages.tricky().get(3), r.body().readAllBytes());
        }
        try (Retrieval r = Protocols.open(URI.create("pop3://;auth=*@localhost:" + port + "/1"), alice())) {
            assertArrayEquals(Messages.tricky().get(0), r.body().readAllBytes());
        }
        assertThrows(Pop3ReplyException.class, () -> Protocols.open(URI.create("pop3://alice@localhost:" + port + "/9"), alice()));
        assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create("pop3://alice@localhost:" + port + "/x"), alice()));
        assertThrows(org.sockets.protocol.AuthenticationFailedException.class, () -> Protocols.open(
                URI.create("pop3://alice@localhost:" + port + "/1"), tls().withCredentials("alice", "wrong"::toCharArray)));
        // Nothing was deleted by any of it.
        try (Pop3Client pop = client(alice()).connect()) {
            assertEquals(4, pop.stat().count());
            pop.quit();
        }
    }

    @Test
    void aMimeMessageReadsOurStream() throws Exception {
        try (Pop3Client pop = client(alice()).connect(); InputStream in = pop.retrieve(1)) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("one", m.getSubject());
            assertEquals("<one@example.org>", m.getMessageID());
            assertEquals("hello\r\n", m.getContent());
        }
    }

    @Test
    void theTranscriptMasksEveryCredential() throws IOException {
        List<String> lines = new ArrayList<>();
        TranscriptListener t = (d, l) -> lines.add(l);
        for (Pop3Login login : List.of(Pop3Login.userPass(), Pop3Login.apop(), Pop3Login.auto())) {
            try (Pop3Client pop = client(alice().withTranscript(t)).login(login).connect()) {
                pop.quit();
            }
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("PASS ****") && all.contains("APOP alice ****"), all);
        String pw = dovecot.password("alice");
        for (String form : List.of(pw, Base64.getEncoder().encodeToString(pw.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("\0alice\0" + pw).getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(all.contains(form), "a secret form in the transcript: " + form);
        }
    }

    /** Runs a poplib script (HOST, POP3, POP3S, CA, PASSWORD, emit); returns what it emitted. */
    static Map<String, List<String>> poplib(String body) throws IOException {
        String script = """
                import base64, json, poplib, ssl
                HOST = '127.0.0.1'
                POP3 = %d
                POP3S = %d
                CA = '%s'
                PASSWORD = '%s'
                def emit(key, values):
                    print('OUT ' + json.dumps([key, values]), flush=True)
                """.formatted(dovecot.pop3Port(), dovecot.pop3sPort(), dovecot.caPem(), dovecot.password("alice"))
                + body + "print('DONE', flush=True)\n";
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PeerProcess py = PeerProcess.start(Peers.program("python3").toString(), "-c", script)) {
            py.awaitLine(l -> l.equals("DONE"), Duration.ofSeconds(30));
            for (String l : py.seen()) {
                if (l.startsWith("OUT ")) {
                    String json = l.substring(4);
                    String key = json.substring(2, json.indexOf('"', 2));
                    String rest = json.substring(json.indexOf('[', 2) + 1, json.lastIndexOf(']') - 1);
                    List<String> values = new ArrayList<>();
                    for (String v : rest.split(", ")) {
                        if (!v.isBlank()) {
                            values.add(v.strip().replaceAll("^\"|\"$", ""));
                        }
                    }
                    out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
                }
            }
        }
        return out;
    }

    static byte[] bytes(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
