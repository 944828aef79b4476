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
 * The core's torture test over a full FTPS session (greeting, AUTH TLS and the handshake, FEAT,
 * login, TYPE I, PBSZ, PROT, PWD, EPSV, one 64 KiB RETR on a TLS data connection that resumes the
 * control session, QUIT): run once per I/O call of the control and data connections, failing that
 * call; each run ends in a typed IOException with the descriptor count unchanged, so the relays
 * and TLS endpoints FTPS adds leak nothing on any failure. One call may fail without failing the
 * session: the data connection's close_notify, sent once the whole file and the end of the data
 * connection arrived, just before the 226 is read (closing never throws, and the transfer is
 * complete by then).
 */
@ExtendWith(NoDescriptorLeaks.class)
class FtpsTortureTest {

    static final byte[] FILE = Servers.random(64 * 1024, 65);
    static final Script SESSION = Kit.epsv(Script.of().send("220 kit\r\n").expect("AUTH TLS").send("234 go ahead\r\n").startTls()
                    .expect("FEAT").send("211-Features:\r\n EPSV\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n211 End\r\n")
                    .expect("USER alice").send("331 password please\r\n")
                    .expect("PASS " + FtpsKitTest.PASSWORD).send("230 in\r\n")
                    .expect("TYPE I").send("200 binary\r\n")
                    .expect("PBSZ 0").send("200 ok\r\n")
                    .expect("PROT P").send("200 private\r\n")
                    .expect("PWD").send("257 \"/\" is the directory\r\n"))
            .expect("RETR f").send("150 here it comes (65536 bytes)\r\n")
            .acceptData(Script.of().startTls().send(FILE).close())
            .send("226 done\r\n").expect("QUIT").send("221 bye\r\n").awaitClose();

    static byte[] session(HostileServer s, ClientOptions o, Runnable afterQuit) throws IOException {
        return session(s, o, () -> { }, afterQuit);
    }

    /** One session; {@code afterBody} runs once the download (and its 226) was read, {@code afterQuit} after QUIT. */
    static byte[] session(HostileServer s, ClientOptions o, Runnable afterBody, Runnable afterQuit) throws IOException {
        try (FtpClient ftp = FtpClient.builder("127.0.0.1").port(s.port()).options(o).connect()) {
            assertEquals("/", ftp.workingDirectory());
            byte[] body;
            try (InputStream in = ftp.retrieve("f")) {
                body = in.readAllBytes();
                afterBody.run();
            }
            ftp.quit();
            afterQuit.run();
            return body;
        }
    }

    @BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(SESSION, HostileServer.testTlsContext())) {
            session(s, FtpsKitTest.options(), () -> { });
            TortureTest.drain(s);
        }
    }

    @Test
    void failingEachCallOfAnFtpsSessionInTurnEndsInATypedIOExceptionAndLeaksNothing() throws IOException {
        ClientOptions o = FtpsKitTest.options();
        try (HostileServer s = HostileServer.start(SESSION, HostileServer.testTlsContext())) {
            FailingConnector probe = FailingConnector.counting(Connector.tcp());
            assertArrayEquals(FILE, session(s, o.withConnector(probe), () -> { }));
            TortureTest.drain(s);
            int calls = probe.calls();
            assertTrue(calls > 20, "an FTPS session makes more than 20 I/O calls: " + probe.callNames());
            int before = Fds.count();
            int failed = 0;
            int notReached = 0; // runs whose data came in fewer reads, so call n never happened
            for (int n = 1; n <= calls; n++) {
                FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
                int[] callsAtQuit = {Integer.MAX_VALUE};
                int[] callsAtBody = {Integer.MAX_VALUE};
                try {
                    session(s, o.withConnector(f), () -> callsAtBody[0] = f.calls(), () -> callsAtQuit[0] = f.calls());
                    // Allowed: the call after QUIT's answer, or the data close_notify (the call before the 226's read).
                    boolean closeNotify = n == callsAtBody[0] - 1 && f.callNames().get(n - 1).equals("send");
                    assertTrue(n >= callsAtQuit[0] || f.calls() < n || closeNotify,
                            "call " + n + " of " + f.callNames() + " failed, yet the session succeeded");
                    if (f.calls() < n) {
                        notReached++;
                    }
                } catch (IOException expected) {
                    failed++;
                }
                if (n > 1) { // failing call 1, the connect, leaves the server nothing to serve
                    TortureTest.drain(s);
                }
                assertEquals(before, Fds.count(), "descriptors after failing call " + n + " of " + f.callNames());
            }
            // As the plain torture test (the calls at and after QUIT's answer), plus the data close_notify.
            assertTrue(failed >= calls - 4 - notReached, failed + " of " + calls + " runs failed, " + notReached + " never reached their call");
        }
    }
}
