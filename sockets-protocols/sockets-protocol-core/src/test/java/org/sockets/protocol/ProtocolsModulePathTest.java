package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;

/**
 * Issue #15 must show 1 on the module path. The core's tests run on the class path (its pom says
 * why), and test classes patched into a module cannot add a {@code provides}; so this test
 * compiles a small provider module (src/test/modules) against the core's classes and runs it in a
 * child JVM with everything on {@code --module-path}: the front door, in the named module
 * {@code org.sockets.protocol}, must find the provider through module-info's {@code provides}
 * (which also proves the core's {@code uses}).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ProtocolsModulePathTest {

    private static final Set<String> NEEDED = Set.of("org.sockets.protocol", "org.sockets.api", "org.sockets.tls", "org.slf4j");

    /** The class-path entries that are the modules the core needs, found by their descriptors. */
    private static List<Path> coreModulePath() {
        List<Path> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            try {
                for (ModuleReference m : ModuleFinder.of(p).findAll()) {
                    if (NEEDED.contains(m.descriptor().name())) {
                        found.add(p);
                    }
                }
            } catch (FindException notAModule) {
                // Test classes and other jars: not needed on the child's module path.
            }
        }
        assertEquals(NEEDED.size(), found.size(), "modules found on the class path: " + found);
        return found;
    }

    private static Path work;
    private static String modulePath;

    /** Compiles the provider module once, outside the tests' descriptor counts (javac seeds a SecureRandom). */
    @BeforeAll
    static void compileTheProviderModule() throws IOException {
        work = Files.createTempDirectory("modtest");
        String mp = String.join(File.pathSeparator, coreModulePath().stream().map(Path::toString).toList());
        Path sources = Path.of("src/test/modules/org.sockets.protocol.modtest");
        Path out = work.resolve("org.sockets.protocol.modtest");
        List<String> javac = new ArrayList<>(List.of("-d", out.toString(), "--module-path", mp, "-Xlint:none"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        // java.util.spi.ToolProvider (java.base): the test is compiled into the core's module, which reads no java.compiler.
        ToolProvider compiler = ToolProvider.findFirst("javac").orElseThrow();
        assertEquals(0, compiler.run(System.out, System.err, javac.toArray(String[]::new)), "javac " + javac);
        modulePath = mp + File.pathSeparator + out;
    }

    @AfterAll
    static void deleteIt() throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theFrontDoorFindsAProviderModuleThroughProvides() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (PeerProcess child = PeerProcess.start(java, "-p", modulePath,
                "-m", "org.sockets.protocol.modtest/org.sockets.protocol.modtest.Main",
                "modtest://localhost/inbox/1", "pop3://localhost/1", "MODTEST://alice:secret@localhost/")) {
            List<String> lines = child.awaitExit(Duration.ofSeconds(60));
            assertEquals(0, child.exitValue(), String.join("\n", lines));
            assertTrue(lines.contains("MODULE org.sockets.protocol"), "the core ran as a named module: " + lines);
            assertTrue(lines.contains("OK modtest served /inbox/1 from org.sockets.protocol.modtest"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ERR org.sockets.protocol.ProtocolNotFoundException: "
                    + "no protocol provider for scheme 'pop3': add org.sockets:sockets-pop3 (module org.sockets.pop3);"
                    + " providers found: [modtest [modtest] (priority 0)]")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ERR java.lang.IllegalArgumentException: a password in the URL is refused")
                    && !l.contains("secret")), lines.toString());
        }
    }
}
