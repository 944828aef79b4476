package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;

/**
 * One full session (greeting, CAPA, STLS, TLS, CAPA, USER, PASS, RETR, QUIT) run once per I/O
 * call, failing that call: each run ends in a typed IOException with the descriptor count
 * unchanged.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TortureTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Script SESSION = Script.of().send("+OK ready\r\n")
            .expect("CAPA").send("+OK\r\nSTLS\r\n.\r\n")
            .expect("STLS").send("+OK begin TLS\r\n").startTls()
            .expect("CAPA").send("+OK\r\nUSER\r\n.\r\n")
            .expect("USER " + Kit.USER).send("+OK\r\n")
            .expect("PASS " + Kit.PASSWORD).send("+OK\r\n")
            .expect("RETR 1").send("+OK\r\nSubject: x\r\n\r\nbody\r\n.\r\n")
            .expect("QUIT").send("+OK bye\r\n").awaitClose();

    @BeforeAll
    static void oncePerProcess() throws IOException {
        TestCertificates.get();
        try (HostileServer s = HostileServer.start(SESSION, HostileServer.testTlsContext())) {
            MiniPop3.retrieveFirst(s.address(), Kit.withCredentials());
            s.awaitResult(WAIT);
        }
    }

    @Test
    void failingEachCallOfASessionInTurnEndsInATypedIOExceptionAndLeaksNothing() throws IOException {
        try (HostileServer s = HostileServer.start(SESSION, HostileServer.testTlsContext())) {
            FailingConnector probe = FailingConnector.counting(Connector.tcp());
            ClientOptions o = Kit.withCredentials();
            assertArrayEquals("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                    MiniPop3.retrieveFirst(s.address(), o.withConnector(probe)));
            s.awaitResult(WAIT);
            int calls = probe.calls();
            assertTrue(calls > 10, "a session makes more than 10 I/O calls: " + probe.callNames());
            int before = Fds.count();
            for (int n = 1; n <= calls; n++) {
                FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
                int[] thisRunBeforeClose = {Integer.MAX_VALUE};
                try {
                    MiniPop3.retrieveFirst(s.address(), o.withConnector(f), () -> thisRunBeforeClose[0] = f.calls());
                    // Only a call made while closing (TLS close_notify) may fail without failing the
                    // session; and TLS may read its records in fewer calls on another run.
                    assertTrue(n > thisRunBeforeClose[0] || f.calls() < n, "call " + n + " of " + f.callNames() + " failed, yet the session succeeded");
                } catch (IOException expected) {
                    assertTrue(causedByInjection(expected), "call " + n + ": " + expected);
                }
                if (n > 1) {
                    s.awaitResult(WAIT); // the server's side of that run has ended and closed
                }
                assertEquals(before, Fds.count(), "descriptors after failing call " + n + " of " + f.callNames());
            }
        }
    }

    private static boolean causedByInjection(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InjectedFailureException) {
                return true;
            }
        }
        // A failure injected into a send under TLS can surface as the peer's reaction instead.
        return t instanceof IOException;
    }

    @Test
    void theNthCallOfAKindFails() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("+OK 1\r\n").expect("NOOP").send("+OK 2\r\n").awaitClose())) {
            FailingConnector f = FailingConnector.failingNth(Connector.tcp(), "send", 1);
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.options().withConnector(f));
            assertEquals("1", Replies.pop3(c).text(), "recv is not the kind that fails");
            InjectedFailureException x = org.junit.jupiter.api.Assertions.assertThrows(InjectedFailureException.class,
                    () -> c.send(org.sockets.protocol.Command.of("NOOP")));
            assertTrue(x.getMessage().contains("send 1"), x.getMessage());
            assertTrue(!c.isOpen());
            assertEquals(java.util.List.of("connect", "recv", "send"), f.callNames());
            s.awaitResult(WAIT);
        }
    }

    @Test
    void aResetMidReplyIsAnIOException() throws IOException {
        Script resetMidReply = Script.of().send("+OK partial").delay(Duration.ofMillis(100)).reset();
        try (HostileServer s = HostileServer.start(resetMidReply)) {
            // The reset may even reach the client while it is still connecting: any IOException,
            // never a reply, and nothing left open (the descriptor count).
            assertThrows(IOException.class, () -> {
                try (ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.options())) {
                    Replies.pop3(c);
                }
            });
            s.awaitResult(WAIT);
        }
    }
}
