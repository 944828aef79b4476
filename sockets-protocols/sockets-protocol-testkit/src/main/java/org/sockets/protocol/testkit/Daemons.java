package org.sockets.protocol.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * What the fixtures that run a real server (nginx, lighttpd, tinyproxy, dovecot, the FTP servers)
 * share: finding its program, a folder and a free loopback port for it, waiting until it accepts,
 * gathering its output, stopping it and removing its folder.
 */
final class Daemons {

    /** How long a server may take to start listening. */
    static final Duration STARTUP = Duration.ofSeconds(20);

    private Daemons() {
    }

    /**
     * A server's program: on PATH, else at {@code fallback} (sbin is often not on a test's PATH);
     * missing, it fails the test under {@code SOCKETS_REQUIRE_PEERS=1} and skips it otherwise.
     *
     * @param name     the program's name
     * @param fallback where Debian installs it
     * @param install  what to install, for the message
     * @return the program
     */
    static Path program(String name, String fallback, String install) {
        Optional<Path> binary = Peers.which(name).or(() -> Optional.of(Path.of(fallback)).filter(Files::isExecutable));
        Peers.require(binary.isPresent(), install);
        return binary.orElseThrow();
    }

    /**
     * A new temporary folder that others may read and enter: the servers' workers run as other
     * users (nginx's www-data, vsftpd's chroot).
     *
     * @param prefix the start of its name
     * @return the folder
     * @throws IOException if it cannot be made
     */
    static Path folder(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** {@return a port free on 127.0.0.1 now (the server binds it a moment later)} */
    static int freePort() throws IOException {
        return freePort(false);
    }

    /**
     * A port free now on the loopback address of one family.
     *
     * @param ipv6 {@code ::1} instead of {@code 127.0.0.1}
     * @return the port
     * @throws IOException if no port can be bound
     */
    static int freePort(boolean ipv6) throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
            s.bind(new InetSocketAddress(ipv6 ? "::1" : "127.0.0.1", 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    /** {@return whether something accepts a TCP connection on 127.0.0.1:{@code port} within a second} */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code ready} holds, polling every 50 ms for at most {@link #STARTUP}; fails at
     * once if the server exits.
     *
     * @param name    the server, for messages
     * @param process the server's process
     * @param ready   whether it listens (its ports accept, its socket file exists)
     * @param log     what it printed and logged, for messages
     * @throws IOException if it exited or did not get ready in time
     */
    static void awaitReady(String name, PeerProcess process, BooleanSupplier ready, Supplier<List<String>> log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        // Bounded: 20 s of 50 ms polls.
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not start within " + STARTUP + ": " + log.get());
            }
            try {
                process.awaitExit(Duration.ofMillis(50));
                throw new IOException(name + " exited at start: " + log.get());
            } catch (AssertionError stillRunning) {
                // waited 50 ms, running: poll again
            }
        }
    }

    /**
     * What a server printed so far, then the lines of those of its log files that exist: best
     * effort, for messages and checks.
     *
     * @param process the server's process
     * @param logs    its log files
     * @return the lines
     */
    static List<String> output(PeerProcess process, Path... logs) {
        try {
            process.awaitLine(l -> false, Duration.ofMillis(1));
        } catch (AssertionError ignored) {
            // only moves printed lines into seen()
        }
        List<String> out = new ArrayList<>(process.seen());
        for (Path log : logs) {
            try {
                if (Files.exists(log)) {
                    out.addAll(Files.readAllLines(log));
                }
            } catch (IOException ignored) {
                // best effort, for messages and checks
            }
        }
        return out;
    }

    /**
     * Stops a server that stops on SIGTERM (SIGKILL after 10 s) and removes its folder.
     *
     * @param process the server's process
     * @param dir     its folder
     */
    static void stop(PeerProcess process, Path dir) {
        try {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            try {
                process.awaitExit(Duration.ofSeconds(10));
            } catch (AssertionError ignored) {
                // still running: killed below
            }
            process.close();
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Removes a folder and everything in it, as far as it can.
     *
     * @param dir the folder
     */
    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a temp folder left behind is harmless
        }
    }
}
