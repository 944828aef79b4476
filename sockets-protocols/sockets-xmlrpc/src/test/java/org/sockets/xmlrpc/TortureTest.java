package org.sockets.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.testkit.FailingConnector;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The core's torture test over one multicall (a request, a 300 KB answer read in many pieces):
 * run once per I/O call, failing that call; each run ends in a typed IOException and the
 * descriptor count is unchanged.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TortureTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String BIG = "x".repeat(300_000);
    static final String ANSWER = "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value><array><data>"
            + "<value><array><data><value><string>" + BIG + "</string></value></data></array></value>"
            + "<value><struct><member><name>faultCode</name><value><int>3</int></value></member>"
            + "<member><name>faultString</name><value>no</value></member></struct></value>"
            + "</data></array></value></param></params></methodResponse>\n";

    static List<XmlRpcResult> session(HostileServer s, Connector connector) throws IOException {
        try (XmlRpcClient c = XmlRpcClient.builder(URI.create("http://127.0.0.1:" + s.port() + "/RPC2"))
                .options(ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)).withConnector(connector)).build()) {
            return c.multicall(List.of(XmlRpcCall.of("a", 1), XmlRpcCall.of("b", "two")));
        }
    }

    @BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.answer(ANSWER))) {
            session(s, Connector.tcp());
            s.awaitResult(WAIT);
        }
    }

    @Test
    void failingEachCallOfACallInTurnEndsInATypedIOExceptionAndLeaksNothing() throws IOException {
        try (HostileServer s = HostileServer.start(KitScripts.answer(ANSWER))) {
            FailingConnector probe = FailingConnector.counting(Connector.tcp());
            List<XmlRpcResult> r = session(s, probe);
            assertEquals(new XmlRpcResult.Returned(BIG), r.get(0));
            assertEquals(new XmlRpcResult.Faulted("b", 3, "no"), r.get(1));
            s.awaitResult(WAIT);
            int calls = probe.calls();
            assertTrue(calls > 4, "a call makes more than 4 I/O calls: " + probe.callNames());
            int before = Fds.count();
            int failed = 0;
            for (int n = 1; n <= calls; n++) {
                FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
                try {
                    session(s, f);
                    // the answer may arrive in fewer reads on another run
                    assertTrue(f.calls() < n, "call " + n + " of " + f.callNames() + " failed, yet the call succeeded");
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
