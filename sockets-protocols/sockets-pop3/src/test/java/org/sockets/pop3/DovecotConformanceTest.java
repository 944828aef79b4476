package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.testkit.Dovecot;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The client against dovecot, once per transport: TCP upgraded with STLS, implicit TLS (995-style)
 * and dovecot's own Unix socket. What the test delivered comes back byte for byte.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DovecotConformanceTest {

    enum Transport { STLS, IMPLICIT_TLS, UNIX }

    static Dovecot dovecot;

    @BeforeAll
    static void start() throws Exception {
        Once.jdk();
        dovecot = Dovecot.start();
        // The Unix transport keeps one descriptor from its first connection on, for the process's
        // life: open it before the first count.
        Connector.unixPath(dovecot.pop3Socket()).connect(org.sockets.api.Address.of("localhost", 110),
                org.sockets.api.ConnectOptions.defaults()).close();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @BeforeEach
    void emptyMailbox() throws IOException {
        dovecot.clearMailbox("alice");
    }

    static ClientOptions options(Transport t, String user) throws IOException {
        ClientOptions o = ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10))
                .withTrustedCertificates(dovecot.caPem())
                .withCredentials(user, dovecot.password(user)::toCharArray);
        return switch (t) {
            case STLS -> o;
            case IMPLICIT_TLS -> o.withTlsMode(TlsMode.IMPLICIT);
            // A local socket: credentials in clear by the explicit opt-in.
            case UNIX -> o.withConnector(Connector.unixPath(dovecot.pop3Socket())).withPlainTextCredentials();
        };
    }

    static Pop3Client.Builder client(Transport t, String user) throws IOException {
        int port = t == Transport.IMPLICIT_TLS ? dovecot.pop3sPort() : dovecot.pop3Port();
        return Pop3Client.builder("localhost").port(port).options(options(t, user));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void whatWasDeliveredComesBackByteForByte(Transport t) throws IOException {
        List<byte[]> sent = Messages.tricky();
        for (byte[] m : sent) {
            dovecot.deliver("alice", m);
        }
        try (Pop3Client pop = client(t, "alice").connect()) {
            assertEquals(t != Transport.UNIX, pop.isSecure());
            assertFalse(pop.capabilities().has("STLS") && pop.isSecure(), "capabilities asked again over TLS: " + pop.capabilities());
            assertTrue(pop.capabilities().pipelining(), pop.capabilities().toString());
            long total = sent.stream().mapToLong(m -> m.length).sum();
            assertEquals(new MailboxStatus(sent.size(), total), pop.stat());
            List<MessageInfo> list = pop.list();
            List<MessageUid> uids = pop.uidl();
            assertEquals(sent.size(), list.size());
            assertEquals(sent.size(), uids.size());
            for (int i = 0; i < sent.size(); i++) {
                int n = i + 1;
                assertEquals(new MessageInfo(n, sent.get(i).length), list.get(i));
                assertEquals(list.get(i), pop.list(n));
                assertEquals(uids.get(i), pop.uidl(n));
                try (InputStream in = pop.retrieve(n)) {
                    assertArrayEquals(sent.get(i), in.readAllBytes(), "RETR " + n);
                }
                assertArrayEquals(sent.get(i), pop.retrieveBytes(n), "RETR " + n + " into memory");
                try (InputStream in = pop.top(n, 0)) {
                    assertArrayEquals(Messages.header(sent.get(i)), in.readAllBytes(), "TOP " + n + " 0");
                }
            }
            try (InputStream in = pop.top(2, 3)) {
                assertArrayEquals(Messages.ascii("Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\n"), in.readAllBytes(),
                        "TOP 2 3: the header, then three body lines un-stuffed (the third a lone dot)");
            }
            assertEquals(sent.size(), uids.stream().map(MessageUid::uid).collect(Collectors.toSet()).size());
            List<byte[]> got = new ArrayList<>();
            pop.retrieveEach(List.of(1, 2, 3, 4, 1), (n, body) -> got.add(body.readAllBytes()));
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(sent.get(i % 4), got.get(i), "pipelined RETR " + (i % 4 + 1));
            }
            pop.noop();
            pop.quit();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void deletionsCommitOnlyAtQuit(Transport t) throws IOException {
        for (byte[] m : Messages.tricky()) {
            dovecot.deliver("alice", m);
        }
        try (Pop3Client pop = client(t, "alice").connect()) {
            pop.delete(1);
            assertEquals(3, pop.stat().count());
            Pop3ReplyException again = assertThrows(Pop3ReplyException.class, () -> pop.delete(1));
            assertEquals("-ERR", again.code());
            assertThrows(Pop3ReplyException.class, () -> pop.retrieve(1));
            pop.reset();
            assertEquals(4, pop.stat().count());
            pop.delete(2);
            // closed without QUIT: nothing is deleted
        }
        try (Pop3Client pop = client(t, "alice").connect()) {
            assertEquals(4, pop.stat().count());
            pop.delete(2);
            pop.delete(3);
            pop.quit();
        }
        try (Pop3Client pop = client(t, "alice").connect()) {
            assertEquals(List.of(Messages.tricky().get(0).length, Messages.tricky().get(3).length),
                    pop.list().stream().map(m -> (int) m.size()).toList());
            pop.quit();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamLeftOpenBlocksTheNextCommandAndClosingItDrainsTheRest(Transport t) throws IOException {
        for (byte[] m : Messages.tricky()) {
            dovecot.deliver("alice", m);
        }
        try (Pop3Client pop = client(t, "alice").connect()) {
            InputStream in = pop.retrieve(1);
            assertEquals('F', in.read());
            IllegalStateException busy = assertThrows(IllegalStateException.class, pop::noop);
            assertTrue(busy.getMessage().contains("RETR 1"), busy.getMessage());
            in.close();
            pop.noop();
            assertArrayEquals(Messages.tricky().get(1), pop.retrieveBytes(2));
            assertThrows(IllegalArgumentException.class, () -> pop.retrieve(0));
            assertThrows(IllegalArgumentException.class, () -> pop.top(1, -1));
            pop.quit();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STLS", "UNIX"})
    void aWrongPasswordIsATypedAuthRefusal(Transport t) throws IOException {
        ClientOptions o = options(t, "alice").withCredentials("alice", "wrong"::toCharArray);
        Pop3AuthenticationException e = assertThrows(Pop3AuthenticationException.class,
                () -> client(t, "alice").options(o).login(Pop3Login.userPass()).connect());
        assertEquals(Optional.of(ResponseCode.AUTH), e.responseCode(), e.getMessage());
        Pop3AuthenticationException sasl = assertThrows(Pop3AuthenticationException.class, () -> client(t, "alice").options(o).connect());
        assertEquals(Optional.of(ResponseCode.AUTH), sasl.responseCode(), sasl.getMessage());
        assertTrue(sasl.getMessage().startsWith("AUTH SCRAM-SHA-256 refused"), sasl.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STLS"})
    void aSecondSessionGetsInUseAsATypedCode(Transport t) throws IOException {
        try (Pop3Client first = client(t, "alice").login(Pop3Login.userPass()).connect()) {
            // dovecot waits about 10 s for the lock before it answers [IN-USE].
            ClientOptions patient = options(t, "alice").withReadTimeout(Duration.ofSeconds(30));
            Pop3ReplyException e = assertThrows(Pop3ReplyException.class,
                    () -> client(t, "alice").options(patient).login(Pop3Login.userPass()).connect());
            assertEquals(Optional.of(ResponseCode.IN_USE), e.responseCode(), e.getMessage());
            assertEquals(Optional.of("IN-USE"), e.rawResponseCode());
            first.noop();
            first.quit();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBigMailboxRetrievedPipelinedMatches(Transport t) throws IOException {
        int count = 200;
        for (int i = 0; i < count; i++) {
            dovecot.deliver("alice", Messages.ascii("Subject: m" + i + "\r\n\r\n" + ("line " + i + "\r\n").repeat(50)));
        }
        try (Pop3Client pop = client(t, "alice").connect()) {
            List<Integer> all = IntStream.rangeClosed(1, count).boxed().toList();
            Set<String> subjects = new java.util.HashSet<>();
            pop.retrieveEach(all, (n, body) -> {
                String text = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                subjects.add(text.substring(0, text.indexOf("\r\n")));
            });
            assertEquals(count, subjects.size());
            pop.quit();
        }
    }
}
