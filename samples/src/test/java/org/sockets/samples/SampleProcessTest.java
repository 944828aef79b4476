package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.unix.UnixEndpoint;

/**
 * The samples as a user runs them ({@code bin/sample}'s command line, in a process of their own):
 * an expected failure is one line and a non-zero exit, and a server interrupted with Ctrl-C
 * (SIGINT) or killed starts again at once on the same port or path.
 */
@ExtendWith(NoDescriptorLeaks.class)
class SampleProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeAll
    static void startThePoller() throws Exception {
        // The Unix transport's epoll descriptor opens on first use and stays for the process.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    /** bin/sample NAME ARGS, on this test's module path (the samples' classes and their modules). */
    private static PeerProcess sample(String... args) throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "the samples' tests run on the module path");
        List<String> cmd = new ArrayList<>(List.of(
                // A shell that started the tests in the background may have ignored SIGINT, and the
                // JVM then keeps it ignored: give the sample the default, as an interactive shell does.
                "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=org.sockets.unix", "-p", modulePath,
                "-m", "org.sockets.samples/org.sockets.samples.Main"));
        cmd.addAll(List.of(args));
        return PeerProcess.start(new ProcessBuilder(cmd));
    }

    private static void interrupt(PeerProcess p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT " + p.pid());
    }

    private static List<String> exited(PeerProcess p, int status) {
        List<String> rest = p.awaitExit(WAIT);
        assertEquals(status, p.exitValue(), "exit status; output " + p.seen());
        return rest;
    }

    private static void noStackTrace(PeerProcess p) {
        for (String line : p.seen()) {
            assertFalse(line.startsWith("\tat ") || line.startsWith("Exception in thread"), "a stack trace: " + p.seen());
        }
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitStatusOne() throws Exception {
        // A bound socket that does not listen refuses connections: nobody can take the port meanwhile.
        try (Endpoint holder = Sockets.open(Family.INET, SocketType.STREAM).bind(Address.of("127.0.0.1", 0))) {
            int port = ((Address.Ip) holder.localAddress()).port();
            try (PeerProcess client = sample("client", "--host", "127.0.0.1", "--port", Integer.toString(port))) {
                exited(client, 1);
                assertEquals(List.of("bin/sample client: ConnectException: Connection refused: 127.0.0.1:" + port), client.seen());
            }
        }
    }

    @Test
    void aBadOptionIsOneLineAndExitStatusOne() throws Exception {
        try (PeerProcess server = sample("server", "--port", "http")) {
            exited(server, 1);
            assertEquals(List.of("bin/sample server: IllegalArgumentException: --port needs a number, not 'http'"), server.seen());
        }
    }

    @Test
    void theTutorialServerRestartsAtOnceOnItsPortAfterCtrlC() throws Exception {
        int port;
        try (Endpoint probe = Sockets.open(Family.INET, SocketType.STREAM).bind(Address.of("127.0.0.1", 0))) {
            port = ((Address.Ip) probe.localAddress()).port();
        }
        String[] args = {"server", "--host", "127.0.0.1", "--port", Integer.toString(port)};
        try (PeerProcess first = sample(args)) {
            first.awaitLine(l -> l.startsWith("Listening on 127.0.0.1:" + port), WAIT);
            // Wait for the server to close first, so its end (on the server's port) is in TIME_WAIT.
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(Address.of("127.0.0.1", port))) {
                assertEquals(Server.MESSAGE, new String(c.recv(1024), StandardCharsets.US_ASCII));
                assertEquals(0, c.recv(1).length, "the server closed");
            }
            first.awaitLine(l -> l.startsWith("Got a connection from"), WAIT);
            interrupt(first);
            exited(first, 130);
            noStackTrace(first);
        }
        try (PeerProcess again = sample(args)) {
            again.awaitLine(l -> l.startsWith("Listening on 127.0.0.1:" + port), WAIT);
            assertEquals(Server.MESSAGE, Client.fetch(Address.of("127.0.0.1", port)));
            interrupt(again);
            exited(again, 130);
        }
    }

    @Test
    void unixEchoRestartsOnItsPathAfterCtrlCAndAfterBeingKilled() throws Exception {
        Path path = dir.resolve("echo.sock");
        String[] server = {"unix-echo", "--role", "server", "--path", path.toString()};
        try (PeerProcess first = sample(server)) {
            first.awaitLine(l -> l.equals("Listening on " + path), WAIT);
            interrupt(first);
            exited(first, 130);
            noStackTrace(first);
            assertFalse(Files.exists(path), "Ctrl-C closed the server, which removed its socket file");
        }
        try (PeerProcess second = sample(server)) {
            second.awaitLine(l -> l.equals("Listening on " + path), WAIT);
            ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
            exited(second, 137);
            assertTrue(Files.exists(path), "SIGKILL leaves the socket file behind");
        }
        try (PeerProcess third = sample(server)) {
            third.awaitLine(l -> l.equals("Listening on " + path), WAIT);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                UnixSamples.echo(new String[] {"--role", "client", "--path", path.toString(), "--message", "again"}, out);
            }
            assertEquals("client: got back again" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
            third.awaitLine(l -> l.equals("server: echoing again"), WAIT);
            // A second server on the same path while the first lives: one line, the file untouched.
            try (PeerProcess rival = sample(server)) {
                exited(rival, 1);
                assertEquals(1, rival.seen().size(), rival.seen().toString());
                assertTrue(rival.seen().getFirst().startsWith("bin/sample unix-echo: BindException: bind " + path), rival.seen().toString());
            }
            interrupt(third);
            exited(third, 130);
            noStackTrace(third);
        }
        assertFalse(Files.exists(path));
    }
}
