package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.http.internal.HttpProvider;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.spi.ProtocolProvider;
import org.sockets.testkit.Discovery;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * ServiceLoader discovery of the HTTP provider. Surefire runs this class twice: on the class path
 * (META-INF/services, the default execution) and on the module path (module-info's provides);
 * each run asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DiscoveryTest {

    @Test
    void runsInTheExpectedMode() {
        Discovery.assertInExpectedMode("org.sockets.http", Http1Client.class);
    }

    @Test
    void moduleInfoAndTheServicesFileAgree() throws IOException, URISyntaxException {
        Discovery.assertModuleInfoAndServicesFileAgree(HttpProvider.class, ProtocolProvider.class);
    }

    @Test
    void theFrontDoorFindsTheHttpProvider() {
        ProtocolProvider p = Protocols.providers().stream().filter(x -> x.name().equals("http")).findFirst()
                .orElseThrow(() -> new AssertionError("no http provider among " + Protocols.providers()));
        assertEquals(HttpProvider.class, p.getClass());
        assertEquals(Set.of("http", "https"), p.schemes());
        assertEquals(80, p.defaultPort("http"));
        assertEquals(443, p.defaultPort("https"));
        assertTrue(p.priority() >= 0);
    }
}
