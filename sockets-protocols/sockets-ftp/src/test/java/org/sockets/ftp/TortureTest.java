package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
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
 * The core's torture test over a full FTP session (greeting, FEAT, login, TYPE I, PWD, EPSV, one
 * 64 KiB RETR on its data connection, QUIT): run once per I/O call of the control and data
 * connections, failing that call; each run ends in a typed IOException with the descriptor count
 * unchanged.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TortureTest {

    static final byte[] FILE = Servers.random(64 * 1024, 64);
    static final Script SESSION = Kit.epsv(Kit.login().expect("PWD").send("257 \"/\" is the directory\r\n"))
            .expect("RETR f").send("150 here it comes (65536 bytes)\r\n")
            .acceptData(Script.of().send(FILE).close())
            .send("226 done\r\n").expect("QUIT").send("221 bye\r\n").awaitClose();

    /** One session; {@code afterQuit} runs once QUIT was answered. */
    static byte[] session(HostileServer s, ClientOptions o, Runnable afterQuit) throws IOException {
        try (FtpClient ftp = FtpClient.builder("127.0.0.1").port(s.port()).options(o).connect()) {
            assertEquals("/", ftp.workingDirectory());
            byte[] body;
            try (InputStream in = ftp.retrieve("f")) {
                body = in.readAllBytes();
            }
            ftp.quit();
            afterQuit.run();
            return body;
        }
    }

    /** Waits for the run's control session to end (its data session, if any, ends first). */
    static void drain(HostileServer s) {
        for (int i = 0; i < 3; i++) {
            if (s.awaitResult(Kit.WAIT).name().startsWith("control")) {
                return;
            }
        }
        throw new AssertionError("no control session ended");
    }

    @BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(SESSION)) {
            session(s, Kit.options(), () -> { });
            drain(s);
        }
    }

    @Test
    void failingEachCallOfASessionInTurnEndsInATypedIOExceptionAndLeaksNothing() throws IOException {
        ClientOptions o = Kit.options();
        try (HostileServer s = HostileServer.start(SESSION)) {
            FailingConnector probe = FailingConnector.counting(Connector.tcp());
            assertArrayEquals(FILE, session(s, o.withConnector(probe), () -> { }));
            drain(s);
            int calls = probe.calls();
            assertTrue(calls > 12, "a session makes more than 12 I/O calls: " + probe.callNames());
            int before = Fds.count();
            int failed = 0;
            for (int n = 1; n <= calls; n++) {
                FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
                int[] callsAtQuit = {Integer.MAX_VALUE};
                try {
                    session(s, o.withConnector(f), () -> callsAtQuit[0] = f.calls());
                    // The data connection may deliver the file in fewer reads on another run.
                    assertTrue(n >= callsAtQuit[0] || f.calls() < n, "call " + n + " of " + f.callNames() + " failed, yet the session succeeded");
                } catch (IOException expected) {
                    failed++;
                }
                if (n > 1) { // failing call 1, the connect, leaves the server nothing to serve
                    drain(s);
                }
                assertEquals(before, Fds.count(), "descriptors after failing call " + n + " of " + f.callNames());
            }
            assertTrue(failed >= calls - 3, failed + " of " + calls + " runs failed");
        }
    }
}
