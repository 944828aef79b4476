package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sockets.api.Address;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * What only a JVM of its own can show: the message without native access, a permission denied
 * to an unprivileged process, and no carrier starvation with two carriers (recorded with JFR).
 */
class ChildJvmTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path dir;

    @BeforeEach
    void makeADirectoryEveryUserCanEnter() throws IOException {
        // Not @TempDir: that one is private to root, and the permission test needs another user
        // to reach the socket file so that only the file's own mode can refuse it.
        dir = Files.createTempDirectory("sockets-unix-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeIt() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A class-path command line for {@link ChildMain}. */
    private static List<String> classPath(List<String> jvmFlags, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(String.join(":", location(ChildMain.class), location(UnixEndpoint.class), location(Sockets.class)));
        cmd.add(ChildMain.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> run(List<String> cmd) throws IOException {
        try (PeerProcess p = PeerProcess.start(cmd.toArray(String[]::new))) {
            List<String> out = p.awaitExit(WAIT);
            assertEquals(0, p.exitValue(), "child " + cmd + " printed " + out);
            return out;
        }
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in " + out));
    }

    @Test
    void withoutNativeAccessOnTheClassPathTheMessageNamesTheFlag() throws IOException {
        List<String> out = run(classPath(List.of(), "open"));
        String failed = line(out, "FAILED");
        assertTrue(failed.contains("IllegalCallerException") && failed.contains("--enable-native-access=ALL-UNNAMED"), failed);
        assertFalse(out.stream().anyMatch(l -> l.contains("restricted method")),
                "we refuse before any restricted call, so the JDK's own warning never shows: " + out);
        // The control: the same child with the grant opens an endpoint.
        assertTrue(line(run(classPath(List.of("--enable-native-access=ALL-UNNAMED"), "open")), "OPENED").contains("UNIX/STREAM"));
    }

    @Test
    void withoutNativeAccessOnTheModulePathTheMessageNamesTheModule() throws IOException {
        // A program outside our package (ChildMain's package is the module's own, so it cannot sit
        // on the class path beside the module): run from source, with the modules on the module path.
        Path src = dir.resolve("Open.java");
        Files.writeString(src, """
                import org.sockets.api.*;
                public class Open {
                    public static void main(String[] a) {
                        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM)) {
                            System.out.println("OPENED " + e + " " + e.getClass().getModule());
                        } catch (Throwable t) {
                            System.out.println("FAILED " + t.getClass().getName() + ": " + t.getMessage());
                        }
                    }
                }
                """);
        List<String> cmd = List.of(java(), "-p", location(UnixEndpoint.class) + ":" + location(Sockets.class),
                "--add-modules", "org.sockets.unix", src.toString());
        String failed = line(run(cmd), "FAILED");
        assertTrue(failed.contains("--enable-native-access=org.sockets.unix") && failed.contains("module path"), failed);
        List<String> granted = new ArrayList<>(cmd);
        granted.add(1, "--enable-native-access=org.sockets.unix");
        String opened = line(run(granted), "OPENED");
        assertTrue(opened.contains("UNIX/STREAM") && opened.contains("module org.sockets.unix"), opened);
    }

    @Test
    void onAnotherPlatformOpeningSaysUnsupportedPlatform() throws IOException {
        // No riscv64 or BSD machine here: the child is told it runs on one (os.arch / os.name),
        // which is all the gate reads. The grant is given, so only the platform can refuse.
        for (String claim : List.of("-Dos.arch=riscv64", "-Dos.name=FreeBSD")) {
            String failed = line(run(classPath(List.of("--enable-native-access=ALL-UNNAMED", claim), "open")), "FAILED");
            assertTrue(failed.contains("UnsupportedOperationException") && failed.contains("unsupported platform")
                    && failed.contains("verified only on Linux x86_64 and Linux aarch64"), claim + ": " + failed);
        }
    }

    @Test
    void anUnprivilegedPeerIsRefusedByTheFileModeAndAdmittedWhenItAllows() throws IOException {
        Peers.program("setpriv");
        Peers.require(Peers.root(), "running as root, to start a peer as user nobody");
        Path p = dir.resolve("private.sock");
        List<String> asNobody = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        try (UnixEndpoint server = UnixEndpoint.open(SocketType.STREAM)) {
            server.bind(Address.unix(p), BindOptions.defaults().withMode(PosixFilePermissions.fromString("rw-------"))).listen(5);
            List<String> java = new ArrayList<>(asNobody);
            java.addAll(classPath(List.of("--enable-native-access=ALL-UNNAMED"), "connect", p.toString()));
            String failed = line(run(java), "FAILED");
            assertTrue(failed.contains("java.nio.file.AccessDeniedException") && failed.contains(p.toString())
                    && failed.contains("EACCES"), failed);
            if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
                // Python's own view, as the same user: the kernel, not our code, refuses.
                List<String> py = new ArrayList<>(asNobody);
                py.addAll(List.of("/usr/bin/python3", "-c", "import socket\ns=socket.socket(socket.AF_UNIX)\n"
                        + "try:\n s.connect('" + p + "'); print('CONNECTED')\nexcept OSError as e:\n print('ERROR', type(e).__name__)"));
                assertEquals("ERROR PermissionError", line(run(py), "ERROR"));
            }
        }
        // The control: with a mode that lets others write, the same unprivileged child connects.
        try (UnixEndpoint server = UnixEndpoint.open(SocketType.STREAM)) {
            server.bind(Address.unix(p), BindOptions.defaults().withMode(PosixFilePermissions.fromString("rw-rw-rw-"))).listen(5);
            List<String> java = new ArrayList<>(asNobody);
            java.addAll(classPath(List.of("--enable-native-access=ALL-UNNAMED"), "connect", p.toString()));
            line(run(java), "CONNECTED");
        }
    }

    @Test
    void blockedReceiversDoNotStarveTwoCarriersAndNothingPinsLong() throws IOException {
        Path jfr = dir.resolve("starve.jfr");
        int blocked = 16;
        List<String> out = run(classPath(List.of("--enable-native-access=ALL-UNNAMED",
                "-Djdk.virtualThreadScheduler.parallelism=2",
                "-Djdk.virtualThreadScheduler.maxPoolSize=2",
                "-XX:StartFlightRecording=filename=" + jfr + ",jdk.VirtualThreadPinned#threshold=0ms"),
                "starve", Integer.toString(blocked)));
        String progress = line(out, "PROGRESS");
        Matcher m = Pattern.compile("PROGRESS (\\d+)/(\\d+) in (\\d+) ms; blocked while it ran: (\\d+); woke on close: (\\w+), "
                + "AsynchronousCloseException: (\\d+); parallelism (\\d+)").matcher(progress);
        assertTrue(m.find(), progress);
        assertEquals(m.group(2), m.group(1), "the ping-pong finished: " + progress);
        assertEquals(blocked, Integer.parseInt(m.group(4)), "all receivers were still blocked while it ran: " + progress);
        assertEquals("true", m.group(5), progress);
        assertEquals(blocked, Integer.parseInt(m.group(6)), "close woke each with AsynchronousCloseException: " + progress);
        assertEquals("2", m.group(7));
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
        List<RecordedEvent> longOnes = pinned.stream().filter(e -> e.getDuration().toMillis() >= 20).toList();
        assertTrue(longOnes.isEmpty(), "virtual threads pinned for 20 ms or more: " + longOnes);
        System.out.println("starvation test: " + progress + "; jdk.VirtualThreadPinned events (threshold 0): " + pinned.size());
    }

    @Test
    void theJfrCheckCanFailAPinnedVirtualThreadIsRecorded() throws Exception {
        // The control for the test above: a virtual thread that parks inside a class initializer
        // is pinned (a native frame is on its stack), and the same recording shows it.
        Path jfr = dir.resolve("pin.jfr");
        Path src = dir.resolve("Pin.java");
        Files.writeString(src, """
                public class Pin {
                    static class Slow { static { try { Thread.sleep(100); } catch (InterruptedException e) { } } static void touch() { } }
                    public static void main(String[] a) throws Exception {
                        Thread.ofVirtual().start(Slow::touch).join();
                        System.out.println("DONE");
                    }
                }
                """);
        List<String> out = run(List.of(java(), "-XX:StartFlightRecording=filename=" + jfr + ",jdk.VirtualThreadPinned#threshold=0ms", src.toString()));
        line(out, "DONE");
        long longPins = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .filter(e -> e.getDuration().toMillis() >= 20).count();
        assertTrue(longPins >= 1, "the pinned sleep was recorded");
    }
}
