package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.protocol.Command;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Reply;
import org.sockets.testkit.NoDescriptorLeaks;

/** The kit's second listener (FTP passive mode) and its outgoing connections from 127.0.0.2 (active mode). */
@ExtendWith(NoDescriptorLeaks.class)
class DataConnectionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void passiveModeDataComesFromTheSecondListener() throws IOException {
        Script control = Script.of().expect("PASV")
                .then("announce the data port", s -> s.send("227 Entering Passive Mode (127,0,0,1," + s.dataPort() / 256 + "," + s.dataPort() % 256 + ")\r\n"))
                .acceptData(Script.of().send("file contents\r\n").close())
                .send("226 done\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(control);
             ProtocolConnection c = ProtocolConnection.open("ftp", s.address(), Kit.options())) {
            c.send(Command.of("PASV"));
            Reply pasv = Replies.ftp(c);
            String[] n = pasv.text().replaceAll(".*\\((.*)\\).*", "$1").split(",");
            int port = Integer.parseInt(n[4]) * 256 + Integer.parseInt(n[5]);
            try (ProtocolConnection data = ProtocolConnection.open("ftp", Address.of("127.0.0.1", port), Kit.options())) {
                assertEquals("file contents", new String(data.readLine(100, data.readDeadline(), "data"), java.nio.charset.StandardCharsets.US_ASCII));
            }
            assertEquals(226, Replies.ftp(c).code());
            c.close();
            HostileServer.Result first = s.awaitResult(WAIT);
            HostileServer.Result second = s.awaitResult(WAIT);
            assertTrue(first.name().startsWith("data") || second.name().startsWith("data"));
        }
    }

    @Test
    void activeModeConnectsFromTheChosenSourceAddress() throws IOException {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (Endpoint listener = Sockets.listen(Address.of("127.0.0.1", 0))) {
            int port = ((Address.Ip) listener.localAddress()).port();
            Script control = Script.of().expectMatching("PORT 127,0,0,1,(\\d+),(\\d+)").send("200 ok\r\n")
                    .connectFrom(source, s -> new InetSocketAddress("127.0.0.1",
                            Integer.parseInt(s.lastMatch().group(1)) * 256 + Integer.parseInt(s.lastMatch().group(2))),
                            Script.of().send("listing\r\n").close())
                    .awaitClose();
            try (HostileServer s = HostileServer.start(control);
                 ProtocolConnection c = ProtocolConnection.open("ftp", s.address(), Kit.options())) {
                c.send(Command.of("PORT", "127,0,0,1," + port / 256 + "," + port % 256));
                assertEquals(200, Replies.ftp(c).code());
                try (Endpoint data = listener.accept()) {
                    assertEquals(source, ((Address.Ip) data.peerAddress()).ip(), "connected from 127.0.0.2");
                    assertEquals("listing\r\n", new String(data.recv(100), java.nio.charset.StandardCharsets.US_ASCII));
                }
                c.close();
                s.awaitResult(WAIT);
                s.awaitResult(WAIT);
            }
        }
    }
}
