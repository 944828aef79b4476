package org.sockets.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * The checks every transport's discovery test makes, whichever transport it is. Surefire runs
 * each DiscoveryTest twice: on the module path (module-info's {@code provides}) and on the class
 * path (META-INF/services), passing {@code sockets.expect.mode}; these checks make a run in the
 * wrong mode fail instead of proving nothing, and keep the two registrations in step.
 */
public final class Discovery {

    private Discovery() {
    }

    /**
     * The mode this run was started in: the system property {@code sockets.expect.mode},
     * {@code module-path} when unset (the default Surefire execution).
     *
     * @return {@code "module-path"} or {@code "class-path"}
     */
    public static String expectedMode() {
        return System.getProperty("sockets.expect.mode", "module-path");
    }

    /**
     * Asserts that {@code member} was loaded as this run's mode says: in the named module
     * {@code moduleName} on the module path, in the unnamed module on the class path.
     *
     * @param moduleName the module {@code member} belongs to, as in its module-info
     * @param member     a class of that module
     */
    public static void assertInExpectedMode(String moduleName, Class<?> member) {
        String mode = expectedMode();
        boolean modulePath = mode.equals("module-path");
        Module module = member.getModule();
        equal(modulePath, module.isNamed(), moduleName + " named? mode " + mode);
        if (modulePath) {
            equal(moduleName, module.getName(), "module of " + member.getName());
        }
    }

    /**
     * Asserts that the module-info {@code provides} of the module holding {@code provider} and its
     * {@code META-INF/services} file register the same implementations of {@code service}, and that
     * {@code provider} is the only one. On the class path the module's own
     * {@code module-info.class} is read from where {@code provider} was loaded from (other jars on
     * the path have theirs).
     *
     * @param provider the one implementation the module registers
     * @param service  the service interface it implements
     * @throws IOException        if the services file or module-info.class cannot be read
     * @throws URISyntaxException if the provider's code source is not a valid URI
     */
    public static void assertModuleInfoAndServicesFileAgree(Class<?> provider, Class<?> service)
            throws IOException, URISyntaxException {
        Set<String> fromServices;
        try (InputStream in = provider.getResourceAsStream("/META-INF/services/" + service.getName())) {
            if (in == null) {
                throw new AssertionFailedError("META-INF/services file is missing");
            }
            fromServices = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        }
        ModuleDescriptor descriptor;
        if (provider.getModule().isNamed()) {
            descriptor = provider.getModule().getDescriptor();
        } else {
            Path classes = Path.of(provider.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
        }
        Set<String> fromModule = descriptor.provides().stream()
                .filter(p -> p.service().equals(service.getName()))
                .flatMap(p -> p.providers().stream()).collect(Collectors.toSet());
        equal(fromModule, fromServices, "module-info provides vs META-INF/services");
        equal(Set.of(provider.getName()), fromModule, "providers of " + service.getName());
    }

    // opentest4j, not JUnit's Assertions: see this module's pom for why testkit has no JUnit.
    private static void equal(Object expected, Object actual, String message) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionFailedError(message + " ==> expected: <" + expected + "> but was: <" + actual + ">",
                    expected, actual);
        }
    }
}
