package org.sockets.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sockets.pop3.internal.Pop3Provider;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.spi.ProtocolProvider;
import org.sockets.testkit.Discovery;

/**
 * ServiceLoader discovery of the POP3 provider. Surefire runs this class twice: on the class path
 * (META-INF/services, the default execution) and on the module path (module-info's provides);
 * each run asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
class DiscoveryTest {

    @Test
    void runsInTheExpectedMode() {
        Discovery.assertInExpectedMode("org.sockets.pop3", Pop3Client.class);
    }

    @Test
    void moduleInfoAndTheServicesFileAgree() throws IOException, URISyntaxException {
        Discovery.assertModuleInfoAndServicesFileAgree(Pop3Provider.class, ProtocolProvider.class);
    }

    @Test
    void theFrontDoorFindsThePop3Provider() {
        ProtocolProvider p = Protocols.providers().stream().filter(x -> x.name().equals("pop3")).findFirst()
                .orElseThrow(() -> new AssertionError("no pop3 provider among " + Protocols.providers()));
        assertEquals(Pop3Provider.class, p.getClass());
        assertEquals(Set.of("pop3", "pop3s", "pop"), p.schemes());
        assertEquals(110, p.defaultPort("pop3"));
        assertEquals(995, p.defaultPort("pop3s"));
        assertEquals(110, p.defaultPort("pop"));
        assertTrue(p.priority() >= 0);
    }
}
