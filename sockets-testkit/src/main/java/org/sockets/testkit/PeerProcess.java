package org.sockets.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer program run by a test: its output read line by line (stdout and stderr merged), with
 * bounded waits, and killed on close.
 *
 * {@snippet :
 * try (PeerProcess py = PeerProcess.start("python3", "-c", script)) {
 *     int port = Integer.parseInt(py.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(10)).substring(5));
 *     ...
 * }
 * }
 */
public final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    private PeerProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                // Bounded by the process: readLine returns null when it exits or is killed.
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
    }

    /**
     * Starts a program.
     *
     * @param command the program and its arguments
     * @return the running peer
     * @throws IOException if it cannot start
     */
    public static PeerProcess start(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        return new PeerProcess(pb.start());
    }

    /**
     * Starts a program with a configured builder (environment, directory).
     *
     * @param pb the builder; its error stream is merged into its output
     * @return the running peer
     * @throws IOException if it cannot start
     */
    public static PeerProcess start(ProcessBuilder pb) throws IOException {
        return new PeerProcess(pb.redirectErrorStream(true).start());
    }

    /**
     * Waits for the next output line that matches.
     *
     * @param match  the test for a line
     * @param within the most to wait
     * @return the line
     * @throws AssertionError if none came in time, with all output seen so far
     */
    public String awaitLine(java.util.function.Predicate<String> match, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (l == null) {
                    throw new AssertionError("peer printed no matching line within " + within + "; output so far: " + seen
                            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
                }
                seen.add(l);
                if (match.test(l)) {
                    return l;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the peer", e);
        }
    }

    /**
     * Waits for the process to exit and returns all output not yet taken by {@link #awaitLine}.
     *
     * @param within the most to wait
     * @return the remaining output lines
     * @throws AssertionError if it did not exit in time
     */
    public List<String> awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("peer did not exit within " + within + "; output so far: " + seen + lines);
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the peer", e);
        }
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }

    /**
     * The exit code, once exited.
     *
     * @return the code
     */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * The process id, to send the program a signal (as a user's Ctrl-C would).
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The program's standard input.
     *
     * @return the stream
     */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * Every line seen so far.
     *
     * @return the lines
     */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** Kills the program (and its children) if still running, and waits for it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The pipes to the child stay open until closed (or collected): close them so tests that
        // count descriptors see none left.
        closeQuietly(process.getOutputStream());
        closeQuietly(process.getInputStream());
        closeQuietly(process.getErrorStream());
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed by the reader
        }
    }
}
