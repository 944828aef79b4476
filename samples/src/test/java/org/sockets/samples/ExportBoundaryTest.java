package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.Family;
import org.sockets.api.Sockets;
import org.sockets.samples.memory.MemoryTransportProvider;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The export boundary of sockets-api (issue #11, item 2): a third-party transport needs only
 * {@code org.sockets.api} and {@code org.sockets.api.spi}; the readiness machinery of the JDK
 * channel transports, {@code org.sockets.api.internal}, is exported only to
 * {@code org.sockets.tcp} and {@code org.sockets.udp}. Shown with the in-memory sample transport:
 * its sources compile as a module against sockets-api alone, a module that imports the internal
 * package does not compile, and at run time on the module path the package is closed to it.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ExportBoundaryTest {

    private static final String INTERNAL = "org.sockets.api.internal";

    @TempDir
    Path dir;

    /** Where sockets-api's classes are (its jar, or target/classes), for javac's module path. */
    private static Path apiLocation() throws Exception {
        return Path.of(Sockets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Runs javac in this JVM (java.base's ToolProvider: no java.compiler readability needed). */
    private static String javac(List<String> args, int[] status) {
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new IllegalStateException("no javac in this JDK"));
        StringWriter out = new StringWriter();
        status[0] = javac.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        return out.toString();
    }

    @Test
    void theMemoryTransportCompilesAgainstTheApiAndSpiAlone() throws Exception {
        Path src = dir.resolve("src");
        Path memory = Path.of("src/main/java/org/sockets/samples/memory");
        assertTrue(Files.isDirectory(memory), "run from the samples module: " + memory.toAbsolutePath());
        Files.createDirectories(src);
        Files.writeString(src.resolve("module-info.java"), """
                module memory.only {
                    requires org.sockets.api;
                    provides org.sockets.api.spi.TransportProvider with org.sockets.samples.memory.MemoryTransportProvider;
                }
                """);
        List<String> args = new ArrayList<>(List.of("--release", "25", "-Werror", "-Xlint:all,-missing-explicit-ctor",
                "--module-path", apiLocation().toString(), "-d", dir.resolve("out").toString(), src.resolve("module-info.java").toString()));
        try (Stream<Path> files = Files.list(memory)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).forEach(f -> args.add(f.toString()));
        }
        int[] status = {-1};
        String out = javac(args, status);
        assertEquals(0, status[0], "the memory transport needs more than org.sockets.api and its spi:\n" + out);
        // and it imports nothing from the internal package (a qualified export would stop it anyway)
        try (Stream<Path> files = Files.list(memory)) {
            for (Path f : files.toList()) {
                assertFalse(Files.readString(f).contains(INTERNAL), f + " uses " + INTERNAL);
            }
        }
    }

    @Test
    void aModuleThatImportsTheInternalPackageDoesNotCompile() throws Exception {
        Path src = dir.resolve("outside");
        Files.createDirectories(src.resolve("outside"));
        Files.writeString(src.resolve("module-info.java"), "module outside { requires org.sockets.api; }\n");
        Files.writeString(src.resolve("outside/Transport.java"), """
                package outside;

                class Transport {
                    Object wildcard() {
                        return org.sockets.api.internal.InetSupport.wildcard(org.sockets.api.Family.INET);
                    }
                }
                """);
        int[] status = {-1};
        String out = javac(List.of("--release", "25", "--module-path", apiLocation().toString(), "-d", dir.resolve("out2").toString(),
                src.resolve("module-info.java").toString(), src.resolve("outside/Transport.java").toString()), status);
        assertNotEquals(0, status[0], "compiled, though sockets-api does not export " + INTERNAL + " to it:\n" + out);
        assertTrue(out.contains(INTERNAL) && out.contains("does not export it to module outside"), out);
    }

    @Test
    void onTheModulePathTheInternalPackageIsClosedToTheSampleAndOpenToTheTransports() throws Exception {
        Module api = Sockets.class.getModule();
        Module samples = MemoryTransportProvider.class.getModule();
        assertTrue(api.isNamed() && samples.isNamed(), "this class runs on the module path");
        assertFalse(api.isExported(INTERNAL), INTERNAL + " is exported to everyone");
        assertFalse(api.isExported(INTERNAL, samples), INTERNAL + " is exported to " + samples);
        for (String transport : List.of("org.sockets.tcp", "org.sockets.udp")) {
            Module m = api.getLayer().findModule(transport).orElseThrow(() -> new AssertionError(transport + " is not on the module path"));
            assertTrue(api.isExported(INTERNAL, m), INTERNAL + " is not exported to " + transport);
        }
        Class<?> inet = Class.forName(INTERNAL + ".InetSupport");
        assertThrows(IllegalAccessException.class, () -> inet.getMethod("wildcard", Family.class).invoke(null, Family.INET));
    }
}
