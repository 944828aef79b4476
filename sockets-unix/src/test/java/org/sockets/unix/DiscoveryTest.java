package org.sockets.unix;

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
import org.sockets.unix.internal.UnixTransportProvider;

/**
 * ServiceLoader discovery of the Unix transport. Surefire runs this class twice: on the module
 * path (module-info's {@code provides}) and on the class path (META-INF/services); each run
 * asserts which mode it is in, so a run in the wrong mode fails instead of proving nothing.
 */
class DiscoveryTest {

    private static final String MODE = System.getProperty("sockets.expect.mode", "module-path");

    @Test
    void runsInTheExpectedMode() {
        boolean modulePath = MODE.equals("module-path");
        assertEquals(modulePath, UnixTransportProvider.class.getModule().isNamed(), "org.sockets.unix named? mode " + MODE);
        assertEquals(modulePath, Sockets.class.getModule().isNamed(), "org.sockets.api named? mode " + MODE);
        if (modulePath) {
            assertEquals("org.sockets.unix", UnixTransportProvider.class.getModule().getName());
        }
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
        Set<String> fromServices;
        try (InputStream in = UnixTransportProvider.class.getResourceAsStream("/META-INF/services/" + TransportProvider.class.getName())) {
            assertTrue(in != null, "META-INF/services file is missing");
            fromServices = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        }
        ModuleDescriptor descriptor;
        if (UnixTransportProvider.class.getModule().isNamed()) {
            descriptor = UnixTransportProvider.class.getModule().getDescriptor();
        } else {
            // On the class path, read this module's own module-info.class (other jars have theirs).
            Path classes = Path.of(UnixTransportProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
        }
        Set<String> fromModule = descriptor.provides().stream()
                .filter(p -> p.service().equals(TransportProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).collect(Collectors.toSet());
        assertEquals(fromModule, fromServices);
        assertEquals(Set.of(UnixTransportProvider.class.getName()), fromModule);
    }
}
