package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.SocketType;
import org.sockets.protocol.testkit.Dovecot;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.unix.UnixEndpoint;

/**
 * {@code bin/sample pop3-list} and {@code bin/sample fetch pop3://...} against the test dovecot:
 * over TCP with STLS (the default, TLS required for the password), implicit TLS, and dovecot's own
 * Unix socket. The password never appears in what the samples print.
 */
@ExtendWith(NoDescriptorLeaks.class)
class Pop3SamplesTest {

    static Dovecot dovecot;
    static final byte[] ONE = "Subject: one\r\n\r\n.dotted\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TWO = "Subject: two\r\n\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        java.security.SecureRandom.getInstance("NativePRNG").nextBytes(new byte[8]);
        UnixEndpoint.pair(SocketType.STREAM).close(); // the Unix transport's descriptor, kept for the process
        dovecot = Dovecot.start();
        dovecot.deliver("alice", ONE);
        dovecot.deliver("alice", TWO);
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    static Map<String, String> env() {
        return Map.of(Fetch.PASSWORD_VARIABLE, dovecot.password("alice"));
    }

    static Run list(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int s = Pop3List.run(List.of(args), env(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Run r = new Run(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse((r.out() + r.err()).contains(dovecot.password("alice")));
        return r;
    }

    static byte[] fetch(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int s = Fetch.run(List.of(args), env(), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, s, e);
        assertFalse(e.contains(dovecot.password("alice")), e);
        return out.toByteArray();
    }

    @Test
    void pop3ListUsesTlsByDefault() {
        Run r = list("--host", "localhost", "--port", Integer.toString(dovecot.pop3Port()), "--user", "alice",
                "--cacert", dovecot.caPem().toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("1 " + ONE.length + " "), r.out());
        assertTrue(lines.get(1).startsWith("2 " + TWO.length + " "), r.out());
        assertEquals("2 messages, " + (ONE.length + TWO.length) + " bytes (TLS)", lines.get(2));
        Run implicit = list("--host", "localhost", "--port", Integer.toString(dovecot.pop3sPort()), "--user", "alice",
                "--cacert", dovecot.caPem().toString(), "--implicit-tls");
        assertEquals(r.out(), implicit.out(), implicit.err());
        // Without the CA the server cannot be verified: no password is sent, the sample says why.
        Run untrusted = list("--host", "localhost", "--port", Integer.toString(dovecot.pop3Port()), "--user", "alice");
        assertEquals(1, untrusted.status());
        assertTrue(untrusted.err().startsWith("pop3-list: org.sockets.protocol.StartTlsException"), untrusted.err());
        assertEquals(2, list("--host", "localhost").status());
    }

    @Test
    void pop3ListOverTheUnixSocket() {
        Run r = list("--host", "localhost", "--user", "alice", "--unix-socket", dovecot.pop3Socket().toString(),
                "--plaintext-credentials");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().endsWith("2 messages, " + (ONE.length + TWO.length) + " bytes (no TLS)\n"), r.out());
    }

    @Test
    void fetchRetrievesAMessageAndTheListing() {
        String ca = dovecot.caPem().toString();
        assertArrayEquals(ONE, fetch(0, "pop3://alice@localhost:" + dovecot.pop3Port() + "/1", "--cacert", ca));
        assertArrayEquals(TWO, fetch(0, "pop3s://alice;auth=SCRAM-SHA-256@localhost:" + dovecot.pop3sPort() + "/2", "--cacert", ca));
        assertEquals("1 " + ONE.length + "\r\n2 " + TWO.length + "\r\n",
                new String(fetch(0, "pop3://localhost:" + dovecot.pop3Port() + "/", "--user", "alice", "--cacert", ca), StandardCharsets.US_ASCII));
        assertArrayEquals(TWO, fetch(0, "pop3://alice@localhost/2", "--unix-socket", dovecot.pop3Socket().toString(),
                "--plaintext-credentials"));
        fetch(5, "pop3://bob@localhost:" + dovecot.pop3Port() + "/1", "--cacert", ca); // alice's password for bob
        // --verbose shows the dialogue, the password masked in every form (USER/PASS, SCRAM, PLAIN).
        for (String auth : List.of("+USER", "SCRAM-SHA-256", "PLAIN", "+APOP")) {
            FetchRun r = FetchRun.of(env(), "pop3://alice;auth=" + auth + "@localhost:" + dovecot.pop3Port() + "/1", "--cacert", ca, "--verbose");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("STLS"), r.err());
            r.assertNeverShows(dovecot.password("alice"));
        }
    }

    @Test
    void binSampleRunsPop3ListAsAProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Whichever execution runs this, the child gets every jar on its class path.
        String path = System.getProperty("java.class.path") + System.getProperty("path.separator") + System.getProperty("jdk.module.path", "");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                path, Main.class.getName(), "pop3-list", "--host", "localhost",
                "--port", Integer.toString(dovecot.pop3Port()), "--user", "alice", "--cacert", dovecot.caPem().toString())));
        pb.environment().put(Fetch.PASSWORD_VARIABLE, dovecot.password("alice"));
        try (PeerProcess p = PeerProcess.start(pb)) {
            List<String> lines = p.awaitExit(Duration.ofSeconds(30));
            assertEquals(0, p.exitValue(), String.join("\n", lines));
            assertTrue(lines.contains("2 messages, " + (ONE.length + TWO.length) + " bytes (TLS)"), lines.toString());
        }
    }
}
