package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Address;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;
import org.sockets.testkit.TestCertificates;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsListener;
import org.sockets.tls.TlsOptions;

/** Must show 5: the tls-echo samples against Python's ssl echo pair, both ways, over TCP and a Unix socket. */
@ExtendWith(NoDescriptorLeaks.class)
class TlsEchoTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void certificates() {
        TestCertificates.get();
    }

    private static Path script() throws URISyntaxException {
        return Path.of(TlsEchoTest.class.getResource("/python/tls_echo.py").toURI());
    }

    private static String[] where(String carrier, Path dir, int port) {
        return carrier.equals("unix") ? new String[] {"--unix", dir.resolve("echo.sock").toString()}
                : new String[] {"--port", Integer.toString(port)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void ourServerEchoesForPythonsClient(String carrier) throws Exception {
        TestCertificates c = TestCertificates.get();
        Path dir = Files.createTempDirectory("tls-echo");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Address at = carrier.equals("unix") ? Address.unix(dir.resolve("echo.sock")) : Address.of("127.0.0.1", 0);
        try (TlsListener listener = Tls.listen(Sockets.listen(at),
                TlsOptions.defaults().withServerCertificate(c.good().chainPem(), c.good().keyPem()))) {
            int port = listener.localAddress() instanceof Address.Ip ip ? ip.port() : 0;
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try {
                    TlsEchoServer.serve(listener, 1, new PrintStream(log, true, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String[] w = where(carrier, dir, port);
            try (PeerProcess py = PeerProcess.start(Peers.program("python3").toString(), script().toString(), "client",
                    c.caPem().toString(), "localhost", w[0], w[1], "hello from python")) {
                py.awaitExit(WAIT);
                assertEquals(0, py.exitValue(), String.join("\n", py.seen()));
                assertTrue(py.seen().stream().anyMatch(l -> l.startsWith("Received hello from python over TLSv1.3")), py.seen().toString());
            }
            served.get(20, TimeUnit.SECONDS);
        } finally {
            Files.deleteIfExists(dir.resolve("echo.sock"));
            Files.delete(dir);
        }
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Echoed 17 bytes over TLSv1.3"), printed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void ourClientGetsItsEchoFromPythonsServer(String carrier) throws Exception {
        TestCertificates c = TestCertificates.get();
        Path dir = Files.createTempDirectory("tls-echo");
        int port;
        try (var probe = Sockets.listen(Address.of("127.0.0.1", 0))) {
            port = ((Address.Ip) probe.localAddress()).port();
        }
        String[] w = where(carrier, dir, port);
        try (PeerProcess py = PeerProcess.start(Peers.program("python3").toString(), script().toString(), "server",
                c.good().chainPem().toString(), c.good().keyPem().toString(), w[0], w[1])) {
            py.awaitLine(l -> l.startsWith("LISTENING"), WAIT);
            Address at = carrier.equals("unix") ? Address.unix(dir.resolve("echo.sock")) : Address.of("127.0.0.1", port);
            TlsEchoClient.Result r = TlsEchoClient.echo(at,
                    TlsOptions.defaults().withTrustedCertificates(c.caPem()).withPeerHost("localhost"), "hello from java", WAIT);
            assertEquals(new TlsEchoClient.Result("hello from java", "TLSv1.3"), r);
            py.awaitLine(l -> l.equals("Echoed 15 bytes over TLSv1.3"), WAIT);
        } finally {
            Files.deleteIfExists(dir.resolve("echo.sock"));
            Files.delete(dir);
        }
    }
}
