package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * Broadcast and multicast beyond loopback: a child JVM runs {@link NetnsScenarios} inside a
 * network namespace that this test creates with {@code unshare -n} (root only) and fills with a
 * veth pair. The namespace has no route to any real network, so 255.255.255.255 and multicast
 * groups stay inside it; it vanishes when the child exits.
 */
class NamespaceTest {

    /** The namespace's set-up: loopback, the veth pair, addresses (no DAD wait), a default route for broadcast. */
    private static final String SETUP = String.join("; ",
            "set -e",
            "ip link set lo up",
            "ip link add va type veth peer name vb",
            "ip link set va up",
            "ip link set vb up",
            "ip addr add 10.200.0.1/24 dev va",
            "ip addr add 10.200.0.2/24 dev vb",
            "ip -6 addr add fd00:200::1/64 dev va nodad",
            "ip -6 addr add fd00:200::3/64 dev va nodad",
            "ip -6 addr add fd00:200::2/64 dev vb nodad",
            "ip route add default dev va");

    @TestFactory
    Stream<DynamicTest> scenariosInANetworkNamespace() throws IOException, URISyntaxException {
        Peers.require(Peers.root(), "root, to create a network namespace (unshare -n) with a veth pair");
        Path unshare = Peers.program("unshare");
        Peers.program("ip");
        // Root inside a container without CAP_SYS_ADMIN cannot make namespaces: a missing peer, not a bug here.
        try (PeerProcess probe = PeerProcess.start(unshare.toString(), "-n", "--", "true")) {
            probe.awaitExit(Duration.ofSeconds(20));
            Peers.require(probe.exitValue() == 0, "permission to create a network namespace (unshare -n true exited "
                    + probe.exitValue() + ": " + probe.seen() + ")");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator,
                location(Sockets.class), location(UdpTransportProvider.class), Path.of("target", "test-classes").toAbsolutePath().toString(),
                location(Fds.class), location(AssertionFailedError.class)); // Fds counts descriptors there too
        String script = SETUP + "; exec " + java + " -cp " + classPath + " " + NetnsScenarios.class.getName();
        List<String> output = new ArrayList<>();
        try (PeerProcess child = PeerProcess.start(unshare.toString(), "-n", "--", "sh", "-c", script)) {
            output.addAll(child.awaitExit(Duration.ofSeconds(45)));
            if (child.exitValue() != 0) {
                fail("the namespace child exited " + child.exitValue() + ": " + String.join("\n", output));
            }
        }
        return NetnsScenarios.NAMES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            if (output.contains("PASS " + name)) {
                return;
            }
            String failure = output.stream().filter(l -> l.startsWith("FAIL " + name)).findFirst()
                    .orElse("no outcome line for " + name);
            fail(failure + "\nchild output:\n" + String.join("\n", output));
        }));
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
