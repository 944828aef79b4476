package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.DotBlock;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A server dripping one byte every 0.9 × the read timeout: a per-read socket timeout never fires
 * (the naive client waits for the whole line), while the core bounds the whole status line by one
 * deadline and times out within 2 × the read timeout — without touching the endpoint's timeout.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DripTest {

    private static final Duration T = Duration.ofMillis(500);
    private static final Duration EACH = T.multipliedBy(9).dividedBy(10);
    private static final String LINE = "+OK drip\r\n";

    @BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("+OK\r\n"))) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), ClientOptions.defaults());
            Replies.pop3(c);
            c.close();
            s.awaitResult(Duration.ofSeconds(10));
        }
    }

    @Test
    void theNaiveClientWaitsForTheWholeDrip() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().drip(LINE, EACH).awaitClose())) {
            long start = System.nanoTime();
            // Its per-read timeout is 3 T (slack for a loaded machine), and still the line takes 9 T.
            try (NaiveClient naive = new NaiveClient(s.port(), T.multipliedBy(3))) {
                assertEquals("+OK drip", naive.readLine());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(T.multipliedBy(6)) > 0, "naive: a per-read timeout let the line take " + took);
            s.awaitResult(Duration.ofSeconds(20));
        }
    }

    @Test
    void theCoreTimesOutWithinTwiceTheReadTimeoutAndLeavesTheEndpointTimeoutAlone() throws IOException {
        Optional<Duration>[] endpointTimeout = new Optional[2];
        Endpoint[] seen = new Endpoint[1];
        Connector watching = (Address a, ConnectOptions o) -> {
            Endpoint e = Connector.tcp().connect(a, o);
            seen[0] = e;
            endpointTimeout[0] = e.timeout();
            return e;
        };
        ClientOptions o = ClientOptions.defaults().withReadTimeout(T).withConnector(watching);
        try (HostileServer s = HostileServer.start(Script.of().drip(LINE, EACH).awaitClose())) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), o);
            endpointTimeout[1] = seen[0].timeout();
            long start = System.nanoTime();
            SocketTimeoutException x = assertThrows(SocketTimeoutException.class, () -> Replies.pop3(c));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(T.multipliedBy(2)) < 0, "timed out after " + took + ", not within 2 × " + T);
            assertTrue(took.compareTo(T.multipliedBy(9).dividedBy(10)) >= 0, "timed out too early: " + took);
            assertTrue(x.getMessage().contains("timed out after 500 ms"), x.getMessage());
            assertEquals(endpointTimeout[0], endpointTimeout[1], "the endpoint's timeout was not changed");
            assertFalse(c.isOpen());
            s.awaitResult(Duration.ofSeconds(20));
        }
    }

    @Test
    void aStreamedBodyIsBoundedByTheIdleTimeNotTheWhole() throws IOException {
        // Each byte within T of the last: the whole body takes far longer than T and still arrives.
        String body = "line one\r\n.\r\n";
        Script slowBody = Script.of().send("+OK\r\n").drip(body, T.dividedBy(4)).awaitClose();
        try (HostileServer s = HostileServer.start(slowBody)) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), ClientOptions.defaults().withReadTimeout(T));
            Replies.pop3(c);
            long start = System.nanoTime();
            try (InputStream in = DotBlock.stream(c)) {
                assertEquals("line one\r\n", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(T.multipliedBy(2)) > 0, "the body outlasted one read timeout");
            c.close();
            s.awaitResult(Duration.ofSeconds(20));
        }
    }
}
