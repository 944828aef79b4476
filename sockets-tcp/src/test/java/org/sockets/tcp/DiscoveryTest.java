package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.TransportNotFoundException;
import org.sockets.api.spi.TransportProvider;
import org.sockets.testkit.Discovery;

/**
 * ServiceLoader discovery of the TCP transport. Surefire runs this class twice: on the module
 * path (module-info's {@code provides}) and on the class path (META-INF/services); each run
 * asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
class DiscoveryTest {

    @Test
    void runsInTheExpectedMode() {
        Discovery.assertInExpectedMode("org.sockets.tcp", TcpTransportProvider.class);
        Discovery.assertInExpectedMode("org.sockets.api", Sockets.class);
    }

    @Test
    void openFindsTheTcpTransport() throws IOException {
        try (Endpoint e = Sockets.open(Family.INET, SocketType.STREAM)) {
            assertEquals(TcpEndpoint.class, e.getClass());
            assertEquals(Family.INET, e.family());
        }
        try (Endpoint e = Sockets.open(Family.INET6, SocketType.STREAM, "tcp")) {
            assertEquals(TcpEndpoint.class, e.getClass());
        }
        assertTrue(Sockets.providers().stream().anyMatch(p -> p.name().equals("tcp")), "providers: " + Sockets.providers());
    }

    @Test
    void aMissingTransportNamesTheModuleToAdd() {
        var udp = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.INET, SocketType.DGRAM));
        assertTrue(udp.getMessage().contains("no transport for INET/DGRAM") && udp.getMessage().contains("org.sockets:sockets-udp"), udp.getMessage());
        assertTrue(udp.getMessage().contains("tcp (priority 0)"), "lists what was found: " + udp.getMessage());
        var unix = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.UNIX, SocketType.SEQPACKET));
        assertTrue(unix.getMessage().contains("org.sockets:sockets-unix"), unix.getMessage());
        var seq = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.INET, SocketType.SEQPACKET));
        assertTrue(seq.getMessage().contains("SEQPACKET for UNIX sockets only"), seq.getMessage());
    }

    @Test
    void theOverridePropertyPicksAProviderByName() {
        String key = "org.sockets.transport.INET6.STREAM";
        System.setProperty(key, "nosuch");
        try {
            var e = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.INET6, SocketType.STREAM));
            assertTrue(e.getMessage().contains("no transport named 'nosuch'"), e.getMessage());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void moduleInfoAndServicesFileAgree() throws Exception {
        Discovery.assertModuleInfoAndServicesFileAgree(TcpTransportProvider.class, TransportProvider.class);
    }
}
