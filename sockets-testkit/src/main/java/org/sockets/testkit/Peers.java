package org.sockets.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The rule for tests that need a real peer (a program written by others): without it the test
 * is skipped, unless {@code SOCKETS_REQUIRE_PEERS=1} (CI), where a missing peer fails the test.
 */
public final class Peers {

    private Peers() {
    }

    /**
     * Whether missing peers are failures (the environment variable or the system property
     * {@code sockets.require.peers} is {@code 1} or {@code true}).
     *
     * @return {@code true} in CI
     */
    public static boolean required() {
        String v = System.getenv("SOCKETS_REQUIRE_PEERS");
        if (v == null || v.isBlank()) {
            v = System.getProperty("sockets.require.peers", "");
        }
        return v.equals("1") || v.equalsIgnoreCase("true");
    }

    /**
     * Fails or skips the test, by {@link #required()}, if the condition is false.
     *
     * @param present whether the peer is there
     * @param what    what the peer is and how to get it
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (required()) {
            throw new AssertionFailedError("required peer missing (SOCKETS_REQUIRE_PEERS=1): " + what);
        }
        throw new TestAbortedException("peer missing, test skipped: " + what);
    }

    /**
     * Finds an executable on PATH, or fails/skips the test.
     *
     * @param name the program, e.g. {@code python3}
     * @return its path
     */
    public static Path program(String name) {
        Optional<Path> p = which(name);
        require(p.isPresent(), name + " on PATH");
        return p.orElseThrow();
    }

    /**
     * Looks a program up on PATH.
     *
     * @param name the program
     * @return its path, if found
     */
    public static Optional<Path> which(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this process runs as root (namespaces and unprivileged peers need it).
     *
     * @return {@code true} as root
     */
    public static boolean root() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }
}
