package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.SocketType;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.samples.kit.KitProvider;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;
import org.sockets.testkit.TestCertificates;
import org.sockets.unix.UnixEndpoint;

/**
 * Issue #15 must show 2: {@code bin/sample fetch}'s exit statuses against the protocol-testkit's
 * hostile server — complete (plain, STARTTLS, implicit TLS, to a file, over a Unix socket),
 * truncated, refused TLS, failed login, timeout, unknown scheme, usage — through the test-scope
 * {@code kit://} provider ({@link KitProvider}, found through META-INF/services: this class runs
 * in the class-path execution only, see samples/pom.xml). The password never appears in the
 * {@code --verbose} output, on stdout or in any error line, while the server's transcript shows it
 * did go over where it should.
 *
 * <p>Hook for must show 3 (each protocol issue): add the module as a runtime dependency of the
 * samples and a test class of its own (it may run in the default, module-path execution: its
 * provider is in a jar) that fetches from the real server with {@link FetchRun}, e.g.
 * {@code pop3://alice@127.0.0.1:PORT/1} from dovecot with {@code --cacert} and
 * {@code SOCKETS_PASSWORD}, asserting exit 0, the message, and {@link FetchRun#assertNeverShows}.
 */
@ExtendWith(NoDescriptorLeaks.class)
class FetchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "s3cr3t-Pa55w0rd";
    private static final Map<String, String> ENV = Map.of(Fetch.PASSWORD_VARIABLE, PASSWORD);
    private static final String BODY = "line one\r\n..dot-stuffed\r\n";
    private static final String UNSTUFFED = "line one\r\n.dot-stuffed\r\n";
    private static final Script GET = Script.of().send("+OK kit ready\r\n").expect("GET /inbox/1");

    @BeforeAll
    static void warmUp() throws IOException {
        assertFalse(FetchTest.class.getModule().isNamed(), "FetchTest runs only in the samples' class-path execution: its kit://"
                + " provider is registered by a test services file, which a named module ignores (with -Dtest=FetchTest read the"
                + " class-path report)");
        // The first TLS handshake and certificate set-up open descriptors the JDK keeps (random
        // sources); do them once before the tests count.
        TestCertificates.get();
        // The Unix transport's epoll descriptor opens on first use and stays for the process.
        UnixEndpoint.pair(SocketType.STREAM).close();
        try (HostileServer s = HostileServer.startImplicitTls(GET.send("+OK 0\r\n.\r\n"), HostileServer.testTlsContext())) {
            FetchRun r = fetch(Map.of(), "kits://localhost:" + s.port() + "/inbox/1", "--cacert", TestCertificates.get().caPem().toString());
            assertEquals(0, r.status(), r.err());
            s.awaitResult(WAIT);
        }
    }

    private static FetchRun fetch(Map<String, String> env, String... args) {
        FetchRun r = FetchRun.of(env, args);
        r.assertNeverShows(PASSWORD);
        return r;
    }

    private static String kit(HostileServer s, String path) {
        return "kit://127.0.0.1:" + s.port() + path;
    }

    private static String ca() {
        return TestCertificates.get().caPem().toString();
    }

    @Test
    void completeTransferExitsZeroAndVerboseMasksThePassword() throws IOException {
        Script script = Script.of().send("+OK kit ready\r\n")
                .expect("USER alice").send("+OK\r\n")
                .expect("PASS " + PASSWORD).send("+OK logged in\r\n")
                .expect("GET /inbox/1").send("+OK 25\r\n" + BODY + ".\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            FetchRun r = fetch(ENV, "kit://alice;auth=PLAIN@127.0.0.1:" + s.port() + "/inbox/1", "--plaintext-credentials", "--verbose");
            assertEquals(0, r.status(), r.err());
            assertEquals(UNSTUFFED, r.out());
            assertTrue(r.err().contains("> PASS ****\n") && r.err().contains("> USER alice\n") && r.err().contains("< +OK 25\n"), r.err());
            assertTrue(r.err().contains("* complete: " + UNSTUFFED.length() + " bytes"), r.err());
            HostileServer.Result done = s.awaitResult(WAIT);
            assertTrue(done.failure().isEmpty(), done.failure().toString());
            assertTrue(done.receivedText().contains("PASS " + PASSWORD + "\r\n"), "the password did go over: " + done.receivedText());
        }
    }

    @Test
    void completeOverStartTlsAndImplicitTlsToAFile() throws IOException {
        Path dir = Files.createTempDirectory("fetch");
        Path file = dir.resolve("message.txt");
        try {
            Script starttls = Script.of().send("+OK kit ready STARTTLS\r\n")
                    .expect("STARTTLS").send("+OK go ahead\r\n").startTls()
                    .expect("USER alice").send("+OK\r\n")
                    .expect("PASS " + PASSWORD).send("+OK\r\n")
                    .expect("GET /inbox/1").send("+OK 25\r\n" + BODY + ".\r\n").awaitClose();
            try (HostileServer s = HostileServer.start(starttls, HostileServer.testTlsContext())) {
                FetchRun r = fetch(ENV, "kit://alice@localhost:" + s.port() + "/inbox/1", "--cacert", ca(), "-o", file.toString(), "--verbose");
                assertEquals(0, r.status(), r.err());
                assertEquals("", r.out());
                assertEquals(UNSTUFFED, Files.readString(file));
                assertTrue(r.err().contains("> STARTTLS\n") && r.err().contains("> PASS ****\n"), r.err());
                assertTrue(s.awaitResult(WAIT).failure().isEmpty());
            }
            try (HostileServer s = HostileServer.startImplicitTls(GET.send("+OK 25\r\n" + BODY + ".\r\n"), HostileServer.testTlsContext())) {
                FetchRun r = fetch(Map.of(), "kits://localhost:" + s.port() + "/inbox/1", "--cacert", ca(), "--output", file.toString());
                assertEquals(0, r.status(), r.err());
                assertEquals(UNSTUFFED, Files.readString(file));
            }
            try (var files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no .part file left");
            }
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    @Test
    void aTruncatedTransferExitsSixAndLeavesNoFile() throws IOException {
        Path dir = Files.createTempDirectory("fetch");
        try (HostileServer s = HostileServer.start(GET.send("+OK 25\r\nline one\r\n..dot").close())) {
            FetchRun r = fetch(Map.of(), kit(s, "/inbox/1"));
            assertEquals(6, r.status(), r.err());
            assertEquals("line one\r\n", r.out(), "what arrived was written, and the status says it is not all");
            assertTrue(r.errorLine().startsWith("fetch: org.sockets.protocol.TruncatedTransferException: dot-terminated body truncated: the server"
                    + " closed the connection after 15 bytes of it"),
                    r.err());
            FetchRun f = fetch(Map.of(), kit(s, "/inbox/1"), "-o", dir.resolve("m").toString());
            assertEquals(6, f.status(), f.err());
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "neither the file nor its .part");
            }
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void refusedTlsExitsFour() throws IOException {
        // Credentials, no opt-in, no STARTTLS offered: the policy refuses before any byte.
        try (HostileServer s = HostileServer.start(Script.of().send("+OK kit ready\r\n").awaitClose())) {
            FetchRun r = fetch(ENV, kit(s, "/inbox/1"), "--user", "alice", "--verbose");
            assertEquals(4, r.status(), r.err());
            assertTrue(r.errorLine().startsWith("fetch: org.sockets.protocol.StartTlsException: TLS is required"), r.err());
            assertEquals("", s.awaitResult(WAIT).receivedText(), "nothing was sent");
        }
        // STARTTLS refused by the server.
        try (HostileServer s = HostileServer.start(Script.of().send("+OK kit ready STARTTLS\r\n").expect("STARTTLS")
                .send("-ERR not today\r\n").awaitClose())) {
            FetchRun r = fetch(ENV, kit(s, "/inbox/1"), "--user", "alice");
            assertEquals(4, r.status(), r.err());
            assertTrue(r.errorLine().contains("refused STARTTLS: -ERR not today"), r.err());
            assertEquals("STARTTLS\r\n", s.awaitResult(WAIT).receivedText());
        }
        // Implicit TLS with a certificate the default trust store does not know.
        try (HostileServer s = HostileServer.startImplicitTls(GET, HostileServer.testTlsContext())) {
            FetchRun r = fetch(ENV, "kits://alice@localhost:" + s.port() + "/inbox/1");
            assertEquals(4, r.status(), r.err());
            assertTrue(r.errorLine().startsWith("fetch: org.sockets.tls.TlsVerificationException: "), r.err());
        }
    }

    @Test
    void aFailedLoginExitsFiveWithoutThePassword() throws IOException {
        Script script = Script.of().send("+OK kit ready\r\n")
                .expect("USER alice").send("+OK\r\n")
                .expect("PASS " + PASSWORD).send("-ERR [AUTH] invalid password\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            FetchRun r = fetch(ENV, kit(s, "/inbox/1"), "--user", "alice", "--plaintext-credentials", "--verbose");
            assertEquals(5, r.status(), r.err());
            assertEquals("fetch: org.sockets.protocol.AuthenticationFailedException: PASS **** refused: -ERR [AUTH] invalid password",
                    r.errorLine());
            assertTrue(r.err().contains("> PASS ****\n"), r.err());
            assertTrue(s.awaitResult(WAIT).receivedText().endsWith("PASS " + PASSWORD + "\r\n"));
        }
    }

    @Test
    void aTimeoutExitsSeven() throws IOException {
        try (HostileServer s = HostileServer.start(GET.delay(Duration.ofSeconds(2)))) {
            long start = System.nanoTime();
            FetchRun r = fetch(Map.of(), kit(s, "/inbox/1"), "--read-timeout", "0.3");
            assertEquals(7, r.status(), r.err());
            assertTrue(r.errorLine().startsWith("fetch: java.net.SocketTimeoutException: "), r.err());
            assertTrue(System.nanoTime() - start < 1_500_000_000L, "bounded by the read timeout");
        }
        // Each byte comes within the read timeout; the whole-transfer deadline stops it.
        try (HostileServer s = HostileServer.start(GET.send("+OK 25\r\n").drip(BODY + ".\r\n", Duration.ofMillis(100)))) {
            long start = System.nanoTime();
            FetchRun r = fetch(Map.of(), kit(s, "/inbox/1"), "--read-timeout", "5", "--deadline", "0.6");
            assertEquals(7, r.status(), r.err());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "bounded by the deadline");
        }
    }

    @Test
    void anUnknownSchemeExitsThreeNamingTheProvidersFound() {
        FetchRun r = fetch(Map.of(), "nosuch://localhost/x");
        assertEquals(3, r.status(), r.err());
        assertTrue(r.errorLine().startsWith("fetch: org.sockets.protocol.ProtocolNotFoundException: no protocol provider for scheme 'nosuch'"),
                r.err());
        assertTrue(r.errorLine().contains("kit [kit, kits] (priority 0)"), r.err());
        assertTrue(Protocols.providers().stream().anyMatch(p -> p instanceof KitProvider));
    }

    @Test
    void anythingElseExitsOne() throws IOException {
        int closedPort;
        try (HostileServer s = HostileServer.start(Script.of())) {
            closedPort = s.port();
        }
        FetchRun refused = fetch(Map.of(), "kit://127.0.0.1:" + closedPort + "/inbox/1");
        assertEquals(1, refused.status(), refused.err());
        assertTrue(refused.errorLine().startsWith("fetch: java.net.ConnectException: "), refused.err());
        try (HostileServer s = HostileServer.start(GET.send("+OK lots\r\n"))) {
            FetchRun r = fetch(Map.of(), kit(s, "/inbox/1"));
            assertEquals(1, r.status(), r.err());
            assertTrue(r.errorLine().startsWith("fetch: org.sockets.protocol.MalformedReplyException: "), r.err());
        }
    }

    @Test
    void usageErrorsExitTwoAndNeverEchoAPassword() {
        List<String[]> bad = List.of(new String[] {}, new String[] {"kit://h/", "--password", PASSWORD},
                new String[] {"kit://alice:" + PASSWORD + "@h/"}, new String[] {"kit://alice%3A" + PASSWORD + "@h/"}, new String[] {"kit://h/", "--read-timeout", "soon"},
                new String[] {"kit://h/", "--deadline", "-1"}, new String[] {"kit://h/", "kit://g/"},
                new String[] {"kit://h/", "--frobnicate"}, new String[] {"kit://h/", "-o"},
                new String[] {"kit://h/", "--cacert", "/nonexistent.pem"});
        for (String[] args : bad) {
            FetchRun r = fetch(ENV, args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("fetch: usage error: ") && r.err().contains("usage: bin/sample fetch URL"), r.err());
        }
        FetchRun noPassword = fetch(Map.of(), "kit://h/", "--user", "alice");
        assertEquals(2, noPassword.status());
        assertTrue(noPassword.err().contains("needs a password in the environment variable SOCKETS_PASSWORD"), noPassword.err());
        FetchRun twoUsers = fetch(ENV, "kit://bob@127.0.0.1:9/", "--user", "alice");
        assertEquals(2, twoUsers.status());
        assertTrue(twoUsers.errorLine().contains("URL names user 'bob' but the options' credentials are for 'alice'"), twoUsers.err());
        FetchRun crlf = fetch(Map.of(), "kit://127.0.0.1:9/a%0d%0aDELE%201");
        assertEquals(2, crlf.status(), "CR/LF in the path is refused before connecting: " + crlf.err());
    }

    @Test
    void overAUnixSocketTheUrlStillNamesTheHost() throws Exception {
        Path dir = Files.createTempDirectory("fetch-unix");
        Path socket = dir.resolve("kit.sock");
        try (HostileServer s = HostileServer.start(GET.send("+OK 25\r\n" + BODY + ".\r\n").awaitClose());
             PeerProcess socat = PeerProcess.start(Peers.program("socat").toString(), "-d", "-d",
                     "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + s.port())) {
            socat.awaitLine(l -> l.contains("listening on"), WAIT);
            FetchRun r = fetch(Map.of(), "kit://mail.invalid:1/inbox/1", "--unix-socket", socket.toString());
            assertEquals(0, r.status(), r.err());
            assertEquals(UNSTUFFED, r.out());
            assertTrue(s.awaitResult(WAIT).failure().isEmpty());
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }

    @Test
    void binSampleExitsWithTheStatus() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> base = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "fetch"));
        try (HostileServer s = HostileServer.start(GET.send("+OK 25\r\n" + BODY + ".\r\n").awaitClose())) {
            List<String> ok = new ArrayList<>(base);
            ok.add(kit(s, "/inbox/1"));
            try (PeerProcess p = PeerProcess.start(ok.toArray(String[]::new))) {
                List<String> lines = p.awaitExit(WAIT);
                assertEquals(0, p.exitValue(), String.join("\n", lines));
                assertTrue(lines.contains(".dot-stuffed"), lines.toString());
            }
        }
        List<String> unknown = new ArrayList<>(base);
        unknown.add("nosuch://localhost/");
        try (PeerProcess p = PeerProcess.start(unknown.toArray(String[]::new))) {
            List<String> lines = p.awaitExit(WAIT);
            assertEquals(3, p.exitValue(), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("fetch: org.sockets.protocol.ProtocolNotFoundException: ")), lines.toString());
        }
        assertTrue(new File(java).canExecute());
    }
}
