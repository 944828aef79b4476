package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.testkit.FailingConnector;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The core's torture test over a full POP3 session (greeting, CAPA, STLS, TLS, CAPA, login, LIST,
 * one RETR, QUIT): run once per I/O call, failing that call; each run ends in a typed
 * IOException and the descriptor count is unchanged.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TortureTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final byte[] MESSAGE = "Subject: x\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    static final Script SESSION = Script.of().send(KitTest.GREETING)
            .expect("CAPA").send("+OK\r\nSTLS\r\nUSER\r\n.\r\n")
            .expect("STLS").send("+OK begin TLS\r\n").startTls()
            .expect("CAPA").send("+OK\r\nUSER\r\nUIDL\r\n.\r\n")
            .expect("USER alice").send("+OK\r\n")
            .expect("PASS " + KitTest.PASSWORD).send("+OK\r\n")
            .expect("LIST").send("+OK\r\n1 " + MESSAGE.length + "\r\n.\r\n")
            .expect("RETR 1").send("+OK\r\nSubject: x\r\n\r\n..dot\r\nbody\r\n.\r\n")
            .expect("QUIT").send("+OK bye\r\n").awaitClose();

    /** One session; {@code afterQuit} runs once QUIT was answered. */
    static byte[] session(HostileServer s, ClientOptions o, Runnable afterQuit) throws IOException {
        try (Pop3Client pop = Pop3Client.builder("127.0.0.1").port(s.port()).options(o).connect()) {
            List<MessageInfo> list = pop.list();
            byte[] body;
            try (InputStream in = pop.retrieve(list.get(0).number())) {
                body = in.readAllBytes();
            }
            pop.quit();
            afterQuit.run();
            return body;
        }
    }

    @BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(SESSION, HostileServer.testTlsContext())) {
            session(s, KitTest.options().withCredentials("alice", KitTest.PASSWORD::toCharArray), () -> { });
            s.awaitResult(WAIT);
        }
    }

    @Test
    void failingEachCallOfASessionInTurnEndsInATypedIOExceptionAndLeaksNothing() throws IOException {
        ClientOptions o = KitTest.options().withCredentials("alice", KitTest.PASSWORD::toCharArray);
        try (HostileServer s = HostileServer.start(SESSION, HostileServer.testTlsContext())) {
            FailingConnector probe = FailingConnector.counting(Connector.tcp());
            assertArrayEquals(MESSAGE, session(s, o.withConnector(probe), () -> { }));
            s.awaitResult(WAIT);
            int calls = probe.calls();
            assertTrue(calls > 15, "a session makes more than 15 I/O calls: " + probe.callNames());
            int before = Fds.count();
            int failed = 0;
            for (int n = 1; n <= calls; n++) {
                FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
                int[] callsAtQuit = {Integer.MAX_VALUE};
                try {
                    session(s, o.withConnector(f), () -> callsAtQuit[0] = f.calls());
                    // quit() closes the connection once QUIT is answered, so the last call it made
                    // is TLS's close_notify, whose failure cannot fail a finished session; TLS may
                    // also read its records in fewer calls on another run.
                    assertTrue(n >= callsAtQuit[0] || f.calls() < n, "call " + n + " of " + f.callNames() + " failed, yet the session succeeded");
                } catch (IOException expected) {
                    failed++;
                }
                if (n > 1) {
                    s.awaitResult(WAIT);
                }
                assertEquals(before, Fds.count(), "descriptors after failing call " + n + " of " + f.callNames());
            }
            assertTrue(failed >= calls - 3, failed + " of " + calls + " runs failed");
        }
    }
}
