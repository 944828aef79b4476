package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.TransportNotFoundException;
import org.sockets.api.spi.TransportProvider;

/**
 * ServiceLoader discovery of the TCP transport. Surefire runs this class twice: on the module
 * path (module-info's {@code provides}) and on the class path (META-INF/services); each run
 * asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
class DiscoveryTest {

    private static final String MODE = System.getProperty("sockets.expect.mode", "module-path");

    @Test
    void runsInTheExpectedMode() {
        boolean modulePath = MODE.equals("module-path");
        assertEquals(modulePath, TcpTransportProvider.class.getModule().isNamed(), "org.sockets.tcp named? mode " + MODE);
        assertEquals(modulePath, Sockets.class.getModule().isNamed(), "org.sockets.api named? mode " + MODE);
        if (modulePath) {
            assertEquals("org.sockets.tcp", TcpTransportProvider.class.getModule().getName());
        }
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
        Set<String> fromServices;
        try (InputStream in = TcpTransportProvider.class.getResourceAsStream("/META-INF/services/" + TransportProvider.class.getName())) {
            assertTrue(in != null, "META-INF/services file is missing");
            fromServices = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        }
        ModuleDescriptor descriptor;
        if (TcpTransportProvider.class.getModule().isNamed()) {
            descriptor = TcpTransportProvider.class.getModule().getDescriptor();
        } else {
            // On the class path, read this module's own module-info.class (other jars have theirs).
            Path classes = Path.of(TcpTransportProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
        }
        Set<String> fromModule = descriptor.provides().stream()
                .filter(p -> p.service().equals(TransportProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).collect(Collectors.toSet());
        assertEquals(fromModule, fromServices);
        assertEquals(Set.of(TcpTransportProvider.class.getName()), fromModule);
    }
}
