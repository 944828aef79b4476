package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.tls.Fixtures.WAIT;
import static org.sockets.tls.Fixtures.certs;
import static org.sockets.tls.Fixtures.clientOptions;
import static org.sockets.tls.Fixtures.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.TestCertificates;

/**
 * Our server against Python's ssl client (must show 1, server role), and resumption against a
 * Python server on two ports (must show 3).
 */
@ExtendWith(NoDescriptorLeaks.class)
class PythonPeersTest {

    @BeforeAll
    static void warm() throws IOException {
        certs();
        try (Fixtures.PyServer s = Fixtures.pythonServer(certs().good());
             TlsEndpoint t = Tls.client(tcp(s.port()), clientOptions("localhost"))) {
            t.sendAll(new byte[] {1});
            t.recv(1);
        }
    }

    /** Serves one connection with our TLS server: echoes until the peer's close_notify. */
    private static String serveOne(TestCertificates.Identity id, String host, String... clientArgs) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TlsListener listener = Tls.listen(Sockets.listen(Address.of("127.0.0.1", 0)), Fixtures.serverOptions(id))) {
            int port = ((Address.Ip) listener.localAddress()).port();
            Future<Long> served = pool.submit(() -> {
                long total = 0;
                try (TlsEndpoint conn = listener.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(4096);
                    while (true) {
                        buf.clear();
                        int n = conn.recv(buf);
                        if (n == 0) {
                            return total;
                        }
                        total += n;
                        buf.flip();
                        conn.sendAll(buf);
                    }
                }
            });
            try (PeerProcess py = Fixtures.pythonClient(port, host, clientArgs)) {
                py.awaitExit(WAIT);
                String out = String.join("\n", py.seen());
                try {
                    served.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    out += "\nSERVER " + e.getCause();
                }
                return out;
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.3"})
    void pythonClientVerifiesOurServerAndEchoes(String version) throws Exception {
        String out = serveOne(certs().good(), "localhost", "--tls", version, "--payload", "x".repeat(100_000));
        assertTrue(out.contains("VERSION TLSv" + version), out);
        assertTrue(out.contains("ECHO OK"), out);
        assertTrue(out.contains("DONE"), out);
        assertTrue(!out.contains("UNWRAP-FAILED") && !out.contains("SERVER"), out);
    }

    @Test
    void pythonClientRefusesOurServerWithAWrongHostCertificate() throws Exception {
        String out = serveOne(certs().wrongHost(), "localhost");
        assertTrue(out.contains("VERIFY-FAILED Hostname mismatch"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.3"})
    void resumptionOnASecondPortIsReusedOnlyWhenAskedFor(String version) throws IOException {
        try (Fixtures.PyServer py = Fixtures.pythonServer(certs().good(), "--ports", "2", "--tls", version)) {
            TlsOptions options = clientOptions("localhost").withProtocols("TLSv" + version);
            try (TlsEndpoint control = Tls.client(tcp(py.ports().get(0)), options)) {
                roundTrip(control);
                py.process().awaitLine(l -> l.equals("REUSED False"), WAIT);
                try (TlsEndpoint fresh = Tls.client(tcp(py.ports().get(1)), options)) {
                    roundTrip(fresh);
                    py.process().awaitLine(l -> l.startsWith("REUSED"), WAIT);
                    // asserted below through the next line: a fresh engine for another port is not resumed
                }
                assertEquals("REUSED False", lastReused(py));
                try (TlsEndpoint data = Tls.client(tcp(py.ports().get(1)),
                        TlsOptions.defaults().withProtocols("TLSv" + version).withResumptionFrom(control))) {
                    roundTrip(data);
                    assertEquals("TLSv" + version, data.session().getProtocol());
                }
                assertEquals("REUSED True", py.process().awaitLine(l -> l.startsWith("REUSED"), WAIT));
            }
        }
    }

    private static String lastReused(Fixtures.PyServer py) {
        var seen = py.process().seen();
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).startsWith("REUSED")) {
                return seen.get(i);
            }
        }
        return "none";
    }

    private static void roundTrip(TlsEndpoint t) throws IOException {
        byte[] msg = "resume me".getBytes(StandardCharsets.US_ASCII);
        t.sendAll(msg);
        ByteBuffer got = ByteBuffer.allocate(msg.length);
        while (got.hasRemaining()) {
            assertTrue(t.recv(got) > 0);
        }
        assertArrayEquals(msg, got.array());
    }
}
