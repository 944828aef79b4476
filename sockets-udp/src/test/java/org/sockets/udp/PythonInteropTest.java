package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.udp.Udp.WAIT;
import static org.sockets.udp.Udp.bound;
import static org.sockets.udp.Udp.loopback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/** Datagrams between this library and Python's {@code socket} module (SOCK_DGRAM), both directions, IPv4 and IPv6. */
@ExtendWith(NoDescriptorLeaks.class)
class PythonInteropTest {

    /** Python echoes each datagram, upper-cased; on "big" it answers 3000 bytes. Bound: 3 datagrams, 20 s. */
    private static final String PY_SERVER = """
            import socket, sys
            fam = socket.AF_INET6 if sys.argv[1] == 'INET6' else socket.AF_INET
            s = socket.socket(fam, socket.SOCK_DGRAM)
            s.bind((sys.argv[2], 0))
            s.settimeout(20)
            print('PORT', s.getsockname()[1], flush=True)
            for _ in range(3):
                data, addr = s.recvfrom(65535)
                print('GOT', len(data), addr[0], addr[1], flush=True)
                s.sendto(bytes(range(256)) * 12 if data == b'big' else data.upper(), addr)
            s.close()
            """;

    /** Python as a client: connect() then send/recv, then an unconnected sendto/recvfrom with a 100-byte buffer. */
    private static final String PY_CLIENT = """
            import socket, sys
            fam = socket.AF_INET6 if sys.argv[1] == 'INET6' else socket.AF_INET
            server = (sys.argv[2], int(sys.argv[3]))
            c = socket.socket(fam, socket.SOCK_DGRAM)
            c.settimeout(20)
            c.connect(server)
            c.send(b'ping from python')
            print('REPLY', c.recv(1024).decode(), flush=True)
            u = socket.socket(fam, socket.SOCK_DGRAM)
            u.settimeout(20)
            u.sendto(b'', server)
            data, addr = u.recvfrom(100)
            print('EMPTY-REPLY', len(data), addr[1] == server[1], flush=True)
            u.sendto(b'x' * 500, server)
            data, addr = u.recvfrom(100)
            print('CUT', len(data), flush=True)
            c.close(); u.close()
            """;

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void javaClientTalksToAPythonServer(Family f) throws IOException {
        String python = Peers.program("python3").toString();
        try (PeerProcess py = PeerProcess.start(python, "-c", PY_SERVER, f.name(), loopback(f));
             Endpoint c = bound(f)) {
            int port = Integer.parseInt(py.awaitLine(l -> l.startsWith("PORT "), WAIT).substring(5).strip());
            Address server = Address.of(loopback(f), port);
            int myPort = ((Address.Ip) c.localAddress()).port();

            c.sendTo("hello from java".getBytes(StandardCharsets.US_ASCII), server);
            Datagram d = c.recvFrom(1024);
            assertEquals("HELLO FROM JAVA", new String(d.data(), StandardCharsets.US_ASCII));
            assertEquals(server, d.sender());
            assertEquals("GOT 15 " + loopback(f) + " " + myPort, py.awaitLine(l -> l.startsWith("GOT"), WAIT));

            // Python sends 3072 bytes; a 1000-byte receive says it was cut, and from what.
            c.sendTo("big".getBytes(StandardCharsets.US_ASCII), server);
            Datagram big = c.recvFrom(1000);
            assertTrue(big.truncated());
            assertEquals(3072, big.originalLength());
            assertEquals(1000, big.data().length);
            for (int i = 0; i < 1000; i++) {
                assertEquals((byte) i, big.data()[i], "byte " + i);
            }

            // connected mode against Python
            c.connect(server);
            c.send("last".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("LAST".getBytes(StandardCharsets.US_ASCII), c.recv(64));
            py.awaitExit(Duration.ofSeconds(20));
            assertEquals(0, py.exitValue(), "python: " + py.seen());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void pythonClientTalksToAJavaServer(Family f) throws IOException {
        String python = Peers.program("python3").toString();
        try (Endpoint server = bound(f)) {
            int port = ((Address.Ip) server.localAddress()).port();
            try (PeerProcess py = PeerProcess.start(python, "-c", PY_CLIENT, f.name(), loopback(f), String.valueOf(port))) {
                Datagram ping = server.recvFrom(1024);
                assertEquals("ping from python", new String(ping.data(), StandardCharsets.US_ASCII));
                assertEquals(f, ((Address.Ip) ping.sender()).family());
                server.sendTo("pong from java".getBytes(StandardCharsets.US_ASCII), ping.sender());
                assertEquals("REPLY pong from java", py.awaitLine(l -> l.startsWith("REPLY"), WAIT));

                Datagram empty = server.recvFrom(1024);
                assertEquals(0, empty.data().length);
                server.sendTo(new byte[0], empty.sender());
                assertEquals("EMPTY-REPLY 0 True", py.awaitLine(l -> l.startsWith("EMPTY-REPLY"), WAIT));

                Datagram five = server.recvFrom(1024);
                assertEquals(500, five.data().length);
                server.sendTo(five.data(), five.sender());
                // Python's recvfrom cuts silently: 100 of the 500 bytes, and no word of it.
                assertEquals("CUT 100", py.awaitLine(l -> l.startsWith("CUT"), WAIT));
                List<String> rest = py.awaitExit(Duration.ofSeconds(20));
                assertEquals(0, py.exitValue(), "python: " + py.seen() + rest);
            }
        }
    }
}
