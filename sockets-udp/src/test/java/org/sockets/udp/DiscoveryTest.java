package org.sockets.udp;

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
 * ServiceLoader discovery of the UDP transport. Surefire runs this class twice: on the module
 * path (module-info's {@code provides}) and on the class path (META-INF/services); each run
 * asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
class DiscoveryTest {

    @Test
    void runsInTheExpectedMode() {
        Discovery.assertInExpectedMode("org.sockets.udp", UdpTransportProvider.class);
        Discovery.assertInExpectedMode("org.sockets.api", Sockets.class);
    }

    @Test
    void openFindsTheUdpTransport() throws IOException {
        try (Endpoint e = Sockets.open(Family.INET, SocketType.DGRAM)) {
            assertEquals(UdpEndpoint.class, e.getClass());
            assertEquals(Family.INET, e.family());
            assertEquals(SocketType.DGRAM, e.type());
        }
        try (Endpoint e = Sockets.open(Family.INET6, SocketType.DGRAM, "udp")) {
            assertEquals(UdpEndpoint.class, e.getClass());
            assertEquals(Family.INET6, e.family());
        }
        assertTrue(Sockets.providers().stream().anyMatch(p -> p.name().equals("udp")), "providers: " + Sockets.providers());
    }

    @Test
    void aMissingTransportNamesTheModuleToAdd() {
        // Only the UDP transport is on this module's test path: STREAM must name sockets-tcp.
        var tcp = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.INET, SocketType.STREAM));
        assertTrue(tcp.getMessage().contains("no transport for INET/STREAM") && tcp.getMessage().contains("org.sockets:sockets-tcp"), tcp.getMessage());
        assertTrue(tcp.getMessage().contains("udp (priority 0)"), "lists what was found: " + tcp.getMessage());
        var unix = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.UNIX, SocketType.DGRAM));
        assertTrue(unix.getMessage().contains("org.sockets:sockets-unix"), unix.getMessage());
    }

    @Test
    void theProviderRefusesPairsItDoesNotServe() {
        UdpTransportProvider p = new UdpTransportProvider();
        assertTrue(p.supports(Family.INET, SocketType.DGRAM) && p.supports(Family.INET6, SocketType.DGRAM));
        assertTrue(!p.supports(Family.INET, SocketType.STREAM) && !p.supports(Family.UNIX, SocketType.DGRAM));
        var e = assertThrows(IllegalArgumentException.class, () -> p.open(Family.UNIX, SocketType.DGRAM));
        assertTrue(e.getMessage().contains("UNIX/DGRAM"), e.getMessage());
    }

    @Test
    void theOverridePropertyPicksAProviderByName() {
        String key = "org.sockets.transport.INET6.DGRAM";
        System.setProperty(key, "nosuch");
        try {
            var e = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.INET6, SocketType.DGRAM));
            assertTrue(e.getMessage().contains("no transport named 'nosuch'"), e.getMessage());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void moduleInfoAndServicesFileAgree() throws Exception {
        Discovery.assertModuleInfoAndServicesFileAgree(UdpTransportProvider.class, TransportProvider.class);
    }
}
