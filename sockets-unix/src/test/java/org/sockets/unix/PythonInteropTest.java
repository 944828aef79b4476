package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * Interoperation with Python's {@code socket} module (python3 on PATH, stdlib only): stream,
 * datagram and seqpacket sockets, paths and abstract names, {@code send_fds} / {@code recv_fds},
 * with Python on each side. The Python side is {@code unix_peer.py} in the test resources.
 */
class PythonInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path script;
    private int fdsBefore;

    @BeforeAll
    static void startThePoller() throws IOException {
        // The transport's own epoll descriptor opens on first use and stays: not a per-test leak.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    @BeforeEach
    void setUp() throws IOException {
        Peers.program("python3");
        script = dir.resolve("unix_peer.py");
        try (InputStream in = PythonInteropTest.class.getResourceAsStream("/unix_peer.py")) {
            assertTrue(in != null, "unix_peer.py is missing from the test resources");
            Files.copy(in, script);
        }
        fdsBefore = Fds.count();
    }

    @AfterEach
    void noFdLeaked() {
        Fds.assertBackTo(fdsBefore);
    }

    private PeerProcess python(String... args) throws IOException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "python3";
        cmd[1] = script.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        return PeerProcess.start(cmd);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void exitsCleanly(PeerProcess py) {
        py.awaitExit(WAIT);
        assertEquals(0, py.exitValue(), "python output: " + py.seen());
    }

    /**
     * Starts Python's stream echo server on {@code where} (a path, or {@code @name} for an
     * abstract name), connects to it at {@code address} and checks that {@code message} comes back.
     */
    private void echoThroughPythonStreamServer(String where, Address address, String message) throws IOException {
        try (PeerProcess py = python("stream-echo-server", where)) {
            py.awaitLine("READY"::equals, WAIT);
            try (Endpoint c = Sockets.open(Family.UNIX, SocketType.STREAM)) {
                c.timeout(WAIT).connect(address);
                c.sendAll(message.getBytes(StandardCharsets.UTF_8));
                assertEquals("echo:" + message, text(c.recv(100)));
            }
            exitsCleanly(py);
        }
    }

    @Test
    void javaClientToPythonStreamServerOnAPath() throws IOException {
        Path p = dir.resolve("py.sock");
        echoThroughPythonStreamServer(p.toString(), Address.unix(p), "hello from java");
    }

    @Test
    void javaClientToPythonStreamServerOnAnAbstractName() throws IOException {
        String name = "sockets-py-" + UUID.randomUUID();
        echoThroughPythonStreamServer("@" + name, Address.abstractName(name), "abstract");
    }

    @Test
    void pythonClientToJavaStreamServer() throws IOException {
        Path p = dir.resolve("java.sock");
        try (Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            server.bind(Address.unix(p)).listen(1).timeout(WAIT);
            try (PeerProcess py = python("stream-client", p.toString())) {
                try (Endpoint c = server.accept()) {
                    c.timeout(WAIT);
                    assertEquals("hello from python", text(c.recv(100)));
                    long pid = Long.parseLong(py.awaitLine(l -> l.startsWith("PID "), WAIT).substring(4));
                    assertEquals(pid, UnixEndpoint.of(c).peerCredentials().pid(), "SO_PEERCRED names the Python process");
                    c.sendAll("hello from java".getBytes(StandardCharsets.UTF_8));
                }
                assertEquals("GOT hello from java", py.awaitLine(l -> l.startsWith("GOT"), WAIT));
                exitsCleanly(py);
            }
        }
    }

    @Test
    void datagramsBothWays() throws IOException {
        Path pyPath = dir.resolve("py-dgram.sock");
        Path javaPath = dir.resolve("java-dgram.sock");
        try (Endpoint j = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            j.bind(Address.unix(javaPath)).timeout(WAIT);
            // Java -> Python server: Python sees our path as the sender and answers to it.
            try (PeerProcess py = python("dgram-echo-server", pyPath.toString())) {
                py.awaitLine("READY"::equals, WAIT);
                j.sendTo("to python".getBytes(StandardCharsets.UTF_8), Address.unix(pyPath));
                Datagram d = j.recvFrom(100);
                assertEquals("echo:to python", text(d.data()));
                assertEquals(Address.unix(pyPath), d.sender());
                assertEquals("FROM " + javaPath, py.awaitLine(l -> l.startsWith("FROM"), WAIT));
                exitsCleanly(py);
            }
            // Python client -> Java: we see Python's path and answer to it.
            Path pyClient = dir.resolve("py-client.sock");
            try (PeerProcess py = python("dgram-client", javaPath.toString(), pyClient.toString())) {
                Datagram d = j.recvFrom(100);
                assertEquals("hello dgram from python", text(d.data()));
                assertEquals(Address.unix(pyClient), d.sender());
                j.sendTo("reply".getBytes(StandardCharsets.UTF_8), d.sender());
                assertEquals("GOT reply FROM " + javaPath, py.awaitLine(l -> l.startsWith("GOT"), WAIT));
                exitsCleanly(py);
            }
        }
    }

    @Test
    void seqpacketBothWays() throws IOException {
        Path pyPath = dir.resolve("py-seq.sock");
        try (PeerProcess py = python("seqpacket-echo-server", pyPath.toString())) {
            py.awaitLine("READY"::equals, WAIT);
            try (Endpoint c = Sockets.open(Family.UNIX, SocketType.SEQPACKET)) {
                c.timeout(WAIT).connect(Address.unix(pyPath));
                c.sendAll("first".getBytes(StandardCharsets.UTF_8));
                assertEquals("echo:first", text(c.recv(100)));
                c.sendAll("second".getBytes(StandardCharsets.UTF_8));
                assertEquals("echo:second", text(c.recv(100)));
            }
            exitsCleanly(py);
        }
        Path javaPath = dir.resolve("java-seq.sock");
        try (Endpoint server = Sockets.open(Family.UNIX, SocketType.SEQPACKET)) {
            server.bind(Address.unix(javaPath)).listen(1).timeout(WAIT);
            try (PeerProcess py = python("seqpacket-client", javaPath.toString())) {
                try (Endpoint c = server.accept()) {
                    c.timeout(WAIT);
                    // Two sends stay two messages: boundaries survive.
                    assertEquals("one", text(c.recv(100)));
                    assertEquals("two", text(c.recv(100)));
                    c.sendAll("A".getBytes(StandardCharsets.UTF_8));
                    c.sendAll("B".getBytes(StandardCharsets.UTF_8));
                }
                assertEquals("GOT A B", py.awaitLine(l -> l.startsWith("GOT"), WAIT));
                exitsCleanly(py);
            }
        }
    }

    @Test
    void pythonSendFdsToJava() throws IOException {
        Path p = dir.resolve("fds-in.sock");
        Path file = dir.resolve("from-python.txt");
        Files.writeString(file, "a file Python opened");
        try (UnixEndpoint server = UnixEndpoint.open(SocketType.STREAM)) {
            server.bind(Address.unix(p)).listen(1).timeout(WAIT);
            try (PeerProcess py = python("send-fds", p.toString(), file.toString());
                 UnixEndpoint c = UnixEndpoint.of(server.accept())) {
                c.timeout(WAIT);
                ByteBuffer data = ByteBuffer.allocate(10);
                FdMessage m = c.recvFds(data, 4);
                assertEquals(1, m.length());
                assertEquals('F', data.get(0));
                assertEquals(1, m.descriptors().size());
                try (Descriptor d = m.descriptors().getFirst(); FileChannel ch = d.openChannel()) {
                    ByteBuffer content = ByteBuffer.allocate(100);
                    ch.read(content);
                    assertEquals("a file Python opened", new String(content.array(), 0, content.position(), StandardCharsets.UTF_8));
                }
                c.sendAll(new byte[] {1});
                exitsCleanly(py);
            }
        }
    }

    @Test
    void javaSendFdsToPython() throws IOException {
        String name = "sockets-fds-" + UUID.randomUUID();
        Path file = dir.resolve("from-java.txt");
        Files.writeString(file, "a file Java opened");
        try (PeerProcess py = python("recv-fds-server", "@" + name)) {
            py.awaitLine("READY"::equals, WAIT);
            try (UnixEndpoint c = UnixEndpoint.open(SocketType.STREAM);
                 Descriptor d = Descriptor.open(file)) {
                c.timeout(WAIT).connect(Address.abstractName(name));
                c.sendFds(ByteBuffer.wrap("with a file".getBytes(StandardCharsets.UTF_8)), List.of(d));
                assertEquals("MSG with a file NFDS 1", py.awaitLine(l -> l.startsWith("MSG"), WAIT));
                assertEquals("CONTENT a file Java opened", py.awaitLine(l -> l.startsWith("CONTENT"), WAIT));
            }
            exitsCleanly(py);
        }
    }
}
