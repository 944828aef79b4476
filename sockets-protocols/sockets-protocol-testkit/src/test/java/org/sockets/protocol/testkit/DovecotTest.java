package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * The dovecot fixture, checked with Python's poplib (the oracle the POP3 client is compared
 * with): what {@link Dovecot#deliver} puts in comes out of LIST / UIDL / RETR byte for byte, over
 * APOP, STLS, implicit TLS and the Unix socket.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DovecotTest {

    private static Dovecot dovecot;

    @BeforeAll
    static void start() throws IOException {
        dovecot = Dovecot.start();
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

    /** Messages that trip POP3 code: dot-stuffed lines, 8-bit bytes, an empty body. */
    static List<byte[]> messages() {
        return List.of(
                "From: a@example.org\r\nSubject: one\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII),
                "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n".getBytes(StandardCharsets.US_ASCII),
                concat("Subject: 8bit\r\nContent-Type: text/plain; charset=latin1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0xe9, (byte) 0xe8, (byte) 0xff, 0x00, 'x', '\r', '\n'}),
                "Subject: empty\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void poplibOverApopListsUidlsAndRetrievesWhatWasDelivered() throws IOException {
        List<byte[]> sent = messages();
        for (byte[] m : sent) {
            dovecot.deliver("alice", m);
        }
        Map<String, List<String>> out = poplib("""
                p = poplib.POP3(HOST, POP3)
                assert b'<' in p.getwelcome(), p.getwelcome()
                p.apop('alice', PASSWORD)
                emit('list', [l.decode() for l in p.list()[1]])
                emit('uidl', [l.decode() for l in p.uidl()[1]])
                for i in range(1, len(p.list()[1]) + 1):
                    emit('retr', [base64.b64encode(b''.join(l + b'\\r\\n' for l in p.retr(i)[1])).decode()])
                p.quit()
                """);
        assertEquals(sent.size(), out.get("list").size(), out.toString());
        assertEquals(sent.size(), out.get("uidl").size(), out.toString());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals((i + 1) + " " + sent.get(i).length, out.get("list").get(i));
            assertArrayEquals(sent.get(i), Base64.getDecoder().decode(out.get("retr").get(i)), "message " + (i + 1));
        }
    }

    @Test
    void poplibUpgradesWithStlsAndLogsInOverImplicitTls() throws IOException {
        dovecot.deliver("bob", "Subject: tls\r\n\r\nover TLS\r\n".getBytes(StandardCharsets.US_ASCII));
        try {
            Map<String, List<String>> out = poplib("""
                    ctx = ssl.create_default_context(cafile=CA)
                    p = poplib.POP3(HOST, POP3)
                    emit('capa-before', sorted(p.capa()))
                    p.stls(ctx)
                    emit('capa-after', sorted(p.capa()))
                    emit('version', [p.sock.version()])
                    p.user('bob'); p.pass_(PASSWORD_BOB)
                    emit('stat', [str(p.stat()[0])])
                    p.quit()
                    p = poplib.POP3_SSL('localhost', POP3S, context=ctx)
                    p.user('bob'); p.pass_(PASSWORD_BOB)
                    emit('stat-995', [str(p.stat()[0])])
                    p.quit()
                    p = poplib.POP3(HOST, POP3)
                    try:
                        p.user('bob'); p.pass_('wrong')
                        emit('wrong', ['accepted'])
                    except poplib.error_proto as e:
                        emit('wrong', [e.args[0].decode()])
                    p.quit()
                    """);
            assertTrue(out.get("capa-before").contains("STLS"), out.toString());
            assertTrue(!out.get("capa-after").contains("STLS"), out.toString());
            assertTrue(out.get("version").get(0).startsWith("TLSv1."), out.toString());
            assertEquals(List.of("1"), out.get("stat"));
            assertEquals(List.of("1"), out.get("stat-995"));
            assertEquals(List.of("-ERR [AUTH] Authentication failed."), out.get("wrong"));
        } finally {
            dovecot.clearMailbox("bob");
        }
    }

    @Test
    void aSecondSessionGetsInUse() throws IOException {
        Map<String, List<String>> out = poplib("""
                p = poplib.POP3(HOST, POP3)
                p.user('alice'); p.pass_(PASSWORD)
                q = poplib.POP3(HOST, POP3)
                try:
                    q.user('alice'); q.pass_(PASSWORD)
                    emit('second', ['accepted'])
                except poplib.error_proto as e:
                    emit('second', [e.args[0].decode()])
                q.close()
                p.quit()
                """);
        assertTrue(out.get("second").get(0).startsWith("-ERR [IN-USE] "), out.toString());
    }

    @Test
    void imapGreetsOnItsThreeListeners() throws IOException {
        Map<String, List<String>> out = poplib("""
                import imaplib
                m = imaplib.IMAP4(HOST, IMAP)
                emit('imap', [m.welcome.decode()])
                m.starttls(ssl.create_default_context(cafile=CA))
                m.login('alice', PASSWORD)
                emit('select', [m.select('INBOX')[0]])
                m.logout()
                m = imaplib.IMAP4_SSL('localhost', IMAPS, ssl_context=ssl.create_default_context(cafile=CA))
                emit('imaps', [m.welcome.decode()])
                m.logout()
                """);
        assertTrue(out.get("imap").get(0).startsWith("* OK "), out.toString());
        assertEquals(List.of("OK"), out.get("select"));
        assertTrue(out.get("imaps").get(0).startsWith("* OK "), out.toString());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dovecot.imapSocket()));
            ByteBuffer buf = ByteBuffer.allocate(512);
            for (int i = 0; i < 20 && (buf.position() == 0 || buf.get(buf.position() - 1) != '\n'); i++) {
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            String greeting = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            assertTrue(greeting.startsWith("* OK "), greeting);
        }
    }

    @Test
    void theUnixSocketServesPop3() throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dovecot.pop3Socket()));
            ByteBuffer buf = ByteBuffer.allocate(512);
            // Bounded: a greeting is one line; at most 20 reads.
            for (int i = 0; i < 20 && (buf.position() == 0 || buf.get(buf.position() - 1) != '\n'); i++) {
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            String greeting = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            assertTrue(greeting.startsWith("+OK ") && greeting.endsWith("\r\n"), greeting);
        }
    }

    @Test
    void aStreamedDeliveryArrivesWhole() throws IOException {
        // 3 MiB of 100-byte lines, produced as read: deliver(InputStream) never holds the message.
        int lines = 30_000;
        java.io.InputStream body = new java.io.InputStream() {
            private long at;
            private final byte[] header = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

            @Override
            public int read() {
                long total = header.length + 100L * lines;
                if (at >= total) {
                    return -1;
                }
                long i = at++;
                if (i < header.length) {
                    return header[(int) i];
                }
                long col = (i - header.length) % 100;
                return col == 98 ? '\r' : col == 99 ? '\n' : 'a' + (int) (col % 26);
            }
        };
        java.nio.file.Path file = dovecot.deliver("alice", body);
        assertEquals(16 + 100L * lines, java.nio.file.Files.size(file));
        Map<String, List<String>> out = poplib("""
                p = poplib.POP3(HOST, POP3)
                p.user('alice'); p.pass_(PASSWORD)
                emit('list', [l.decode() for l in p.list()[1]])
                p.quit()
                """);
        assertEquals(List.of("1 " + (16 + 100L * lines)), out.get("list"));
    }

    @Test
    void aBadUserNameIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> dovecot.password("mallory"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dovecot.deliver("mallory", new byte[1]));
    }

    /** Runs a poplib script (helpers: HOST, POP3, POP3S, CA, PASSWORD, emit); returns what it emitted. */
    private static Map<String, List<String>> poplib(String body) throws IOException {
        String script = """
                import base64, json, poplib, ssl, sys
                HOST = '127.0.0.1'
                POP3 = %d
                POP3S = %d
                IMAP = %d
                IMAPS = %d
                CA = %s
                PASSWORD = %s
                PASSWORD_BOB = %s
                def emit(key, values):
                    print('OUT ' + json.dumps([key, values]), flush=True)
                """.formatted(dovecot.pop3Port(), dovecot.pop3sPort(), dovecot.imapPort(), dovecot.imapsPort(), py(dovecot.caPem().toString()),
                py(dovecot.password("alice")), py(dovecot.password("bob"))) + body + "print('DONE', flush=True)\n";
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        try (PeerProcess py = PeerProcess.start(Peers.program("python3").toString(), "-c", script)) {
            py.awaitLine(l -> l.equals("DONE"), Duration.ofSeconds(30));
            for (String l : py.seen()) {
                if (l.startsWith("OUT ")) {
                    // ["key", ["v1", ...]] - simple enough to take apart without a JSON library.
                    String json = l.substring(4);
                    String key = json.substring(2, json.indexOf('"', 2));
                    String rest = json.substring(json.indexOf('[', 2) + 1, json.lastIndexOf(']') - 1);
                    List<String> values = new ArrayList<>();
                    for (String v : rest.split(", ")) {
                        if (!v.isBlank()) {
                            values.add(v.strip().replaceAll("^\"|\"$", ""));
                        }
                    }
                    out.merge(key, values, (a, b) -> {
                        List<String> all = new ArrayList<>(a);
                        all.addAll(b);
                        return all;
                    });
                }
            }
        }
        return out;
    }

    private static String py(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual, String what) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, what);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
