package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * The tutorial pair against the tutorial's Python scripts, both directions: a Python client
 * against our server sample, and our client sample against a Python server.
 */
class TutorialInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path script(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/python/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void pythonClientAgainstOurServer() throws Exception {
        Path python = Peers.program("python3");
        Path client = script("tutorial_client.py");
        int before = Fds.count();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM)) {
            server.bind(Address.of("localhost", 0)).listen(5);
            int port = ((Address.Ip) server.localAddress()).port();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    Server.serve(server, 1, out);
                } catch (IOException e) {
                    e.printStackTrace(out);
                }
            });
            try (PeerProcess py = PeerProcess.start(python.toString(), client.toString(), "127.0.0.1", String.valueOf(port))) {
                String local = py.awaitLine(l -> l.startsWith("LOCAL "), WAIT).substring(6);
                String recv = py.awaitLine(l -> l.startsWith("RECV "), WAIT);
                assertEquals("RECV b'Thank you for connecting\\r\\n'", recv);
                py.awaitExit(WAIT);
                assertEquals(0, py.exitValue(), "python client exit; output " + py.seen());
                t.join(WAIT);
                // Our server printed the client's address exactly as Python itself prints it.
                assertTrue(log.toString(StandardCharsets.UTF_8).contains("Got a connection from " + local), log.toString(StandardCharsets.UTF_8) + " vs " + local);
            }
        }
        Fds.assertBackTo(before);
    }

    @Test
    void ourClientAgainstPythonServer() throws Exception {
        Path python = Peers.program("python3");
        Path server = script("tutorial_server.py");
        int before = Fds.count();
        try (PeerProcess py = PeerProcess.start(python.toString(), server.toString(), "2")) {
            int port = Integer.parseInt(py.awaitLine(l -> l.startsWith("PORT "), WAIT).substring(5).strip());
            // First through the sample's own code path, then by hand to compare addresses.
            assertEquals(Server.MESSAGE, Client.fetch(Address.of("localhost", port)));
            assertTrue(py.awaitLine(l -> l.startsWith("Got connection from"), WAIT).matches("Got connection from \\('127\\.0\\.0\\.1', \\d+\\)"));
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM)) {
                c.connect(Address.of("127.0.0.1", port));
                Address.Ip me = (Address.Ip) c.localAddress();
                assertEquals(Server.MESSAGE, new String(c.recv(1024), StandardCharsets.US_ASCII));
                assertEquals("Got connection from " + me.toPython(), py.awaitLine(l -> l.startsWith("Got connection from"), WAIT));
                assertEquals(0, c.recv(1024).length, "server closed: end of stream");
            }
            List<String> rest = py.awaitExit(WAIT);
            assertEquals(0, py.exitValue(), "python server exit; output " + rest);
        }
        Fds.assertBackTo(before);
    }
}
