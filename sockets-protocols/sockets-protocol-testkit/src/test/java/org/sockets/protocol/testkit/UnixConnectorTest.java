package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.protocol.Command;
import org.sockets.protocol.Connector;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.testkit.NoDescriptorLeaks;

/** {@link Connector#unixPath}: the client names a host, the bytes go over a socket file. */
@ExtendWith(NoDescriptorLeaks.class)
class UnixConnectorTest {

    /** The Unix transport's poller and SecureRandom's descriptors are opened once per process: before the counts. */
    @BeforeAll
    static void oncePerProcess() throws Exception {
        Path dir = Files.createTempDirectory("unix-warm-up");
        try {
            session(dir);
        } finally {
            Files.deleteIfExists(dir.resolve("pop3.sock"));
            Files.delete(dir);
        }
    }

    @Test
    void aClientReachesAServerOnASocketFile(@TempDir Path dir) throws Exception {
        session(dir);
    }

    private static void session(Path dir) throws Exception {
        Path file = dir.resolve("pop3.sock");
        AtomicReference<String> got = new AtomicReference<>();
        try (Endpoint listener = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            listener.bind(Address.unix(file)).listen(1);
            Thread server = Thread.ofVirtual().start(() -> {
                try (Endpoint peer = listener.accept()) {
                    peer.sendAll("+OK over a socket file\r\n".getBytes(StandardCharsets.US_ASCII));
                    got.set(new String(peer.recv(100), StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    got.set(e.toString());
                }
            });
            try (ProtocolConnection c = ProtocolConnection.open("pop3", Address.of("mail.example", 110),
                    Kit.options().withConnector(Connector.unixPath(file)))) {
                assertEquals("over a socket file", Replies.pop3(c).text());
                c.send(Command.of("QUIT"));
                server.join(10_000);
            }
            assertEquals("QUIT\r\n", got.get());
        }
    }
}
