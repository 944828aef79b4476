package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sockets.ftp.internal.FtpProvider;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.spi.ProtocolProvider;
import org.sockets.testkit.Discovery;

/**
 * ServiceLoader discovery of the FTP provider. Surefire runs this class twice: on the class path
 * (META-INF/services, the default execution) and on the module path (module-info's provides);
 * each run asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.sockets.testkit.NoDescriptorLeaks.class)
class DiscoveryTest {

    @Test
    void runsInTheExpectedMode() {
        Discovery.assertInExpectedMode("org.sockets.ftp", FtpClient.class);
    }

    @Test
    void moduleInfoAndTheServicesFileAgree() throws IOException, URISyntaxException {
        Discovery.assertModuleInfoAndServicesFileAgree(FtpProvider.class, ProtocolProvider.class);
    }

    @Test
    void theFrontDoorFindsTheFtpProvider() {
        ProtocolProvider p = Protocols.providers().stream().filter(x -> x.name().equals("ftp")).findFirst()
                .orElseThrow(() -> new AssertionError("no ftp provider among " + Protocols.providers()));
        assertEquals(FtpProvider.class, p.getClass());
        assertEquals(Set.of("ftp", "ftps"), p.schemes());
        assertEquals(21, p.defaultPort("ftp"));
        assertTrue(p.priority() >= 0);
    }
}
