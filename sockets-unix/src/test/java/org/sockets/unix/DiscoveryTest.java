package org.sockets.unix;

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
import org.sockets.unix.internal.UnixTransportProvider;

/**
 * ServiceLoader discovery of the Unix transport. Surefire runs this class twice: on the module
 * path (module-info's {@code provides}) and on the class path (META-INF/services); each run
 * asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
class DiscoveryTest {

    @Test
    void runsInTheExpectedMode() {
        Discovery.assertInExpectedMode("org.sockets.unix", UnixTransportProvider.class);
        Discovery.assertInExpectedMode("org.sockets.api", Sockets.class);
    }

    @Test
    void openFindsTheUnixTransportForEveryType() throws IOException {
        for (SocketType type : SocketType.values()) {
            try (Endpoint e = Sockets.open(Family.UNIX, type)) {
                assertTrue(e instanceof UnixEndpoint, e.getClass().getName());
                assertEquals(Family.UNIX, e.family());
                assertEquals(type, e.type());
            }
            try (var pair = Sockets.pair(Family.UNIX, type)) {
                assertTrue(pair.first() instanceof UnixEndpoint);
            }
        }
        assertTrue(Sockets.providers().stream().anyMatch(p -> p.name().equals("unix")), "providers: " + Sockets.providers());
    }

    @Test
    void nativeAccessIsGrantedInThisMode() {
        // The build passes --enable-native-access=org.sockets.unix (module path) or ALL-UNNAMED
        // (class path); without it open() would have failed above with a message naming the flag.
        assertTrue(UnixTransportProvider.class.getModule().isNativeAccessEnabled());
    }

    @Test
    void aMissingTransportStillNamesTheModuleToAdd() {
        var udp = assertThrows(TransportNotFoundException.class, () -> Sockets.open(Family.INET, SocketType.DGRAM));
        assertTrue(udp.getMessage().contains("org.sockets:sockets-udp"), udp.getMessage());
        assertTrue(udp.getMessage().contains("unix (priority 0)"), "lists what was found: " + udp.getMessage());
    }

    @Test
    void moduleInfoAndServicesFileAgree() throws Exception {
        Discovery.assertModuleInfoAndServicesFileAgree(UnixTransportProvider.class, TransportProvider.class);
    }
}
