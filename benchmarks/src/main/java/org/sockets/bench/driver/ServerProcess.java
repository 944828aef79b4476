package org.sockets.bench.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sockets.bench.Patterns;

/**
 * A benchmark server in its own process: {@code python} runs {@code servers.py} (shipped in this
 * jar), anything else runs {@code BenchServer IMPL PATTERN} in a JVM started from the same
 * {@code java} and class path as this one. The child inherits this process's CPU affinity, so a
 * run under {@code taskset -c 0} pins client and server alike.
 *
 * <p>Environment: {@code BENCH_PYTHON} (default {@code python3}); {@code BENCH_SERVER_JVM_ARGS},
 * extra JVM options for Java servers, identical for every Java server (the script uses it for
 * JFR profiles only); {@code BENCH_SERVER_CPUS}, a CPU list: when set, the server runs under
 * {@code taskset -c} on those CPUs (the "split" placement: client on one core, server on the
 * other, whichever server it is).
 */
public final class ServerProcess implements AutoCloseable {

    /** JVM options every Java server gets: a fixed heap, so no server pays for resizing. */
    private static final List<String> SERVER_JVM_ARGS = List.of("-Xms512m", "-Xmx512m",
            // sockets-unix needs it on the class path; every Java server gets it alike
            "--enable-native-access=ALL-UNNAMED");

    private final Process process;
    private final String announced;

    private ServerProcess(Process process, String announced) {
        this.process = process;
        this.announced = announced;
    }

    /**
     * Starts a server and waits (at most 30 s) for its {@code PORT n} (or {@code PATH p}) line.
     *
     * @param server  {@code raw}, {@code sockets}, {@code netty} or {@code python}
     * @param pattern {@code bulk}, {@code pingpong}, {@code accept} or {@code accept-concurrent}
     * @param args    further arguments after the pattern, the same for a Java and a Python server
     * @return the running server
     * @throws IOException if it does not start or does not announce its port in time
     */
    public static ServerProcess start(String server, String pattern, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        String cpus = System.getenv("BENCH_SERVER_CPUS");
        if (cpus != null && !cpus.isBlank()) {
            cmd.addAll(List.of("taskset", "-c", cpus.trim()));
        }
        if (server.equals("python")) {
            Path script = Files.createTempFile("sockets-bench-servers", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = ServerProcess.class.getResourceAsStream("/org/sockets/bench/servers.py")) {
                if (in == null) {
                    throw new IOException("servers.py is missing from the class path");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            cmd.add(System.getenv().getOrDefault("BENCH_PYTHON", "python3"));
            cmd.add(script.toString());
            cmd.add(pattern);
            cmd.addAll(List.of(args));
        } else {
            cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(SERVER_JVM_ARGS);
            if (pattern.startsWith("tls-")) {
                // An SSLServerSocket cannot be told its family: IPv4 only, as the JMH client's
                // fork and as sockets-tcp's INET listener, so every side has a plain IPv4 socket.
                cmd.add("-Djava.net.preferIPv4Stack=true");
            }
            if (pattern.equals("tls-handshake")) {
                cmd.add(Patterns.TLS_HANDSHAKE_JIT); // as the client's fork: see the constant
            }
            String extra = System.getenv("BENCH_SERVER_JVM_ARGS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.trim().split("\\s+")));
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("org.sockets.bench.servers.BenchServer");
            cmd.add(server);
            cmd.add(pattern);
            cmd.addAll(List.of(args));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> announced = new CompletableFuture<>();
        // One reader for the child's whole life: it finds the port, then keeps the pipe drained
        // (a full pipe would block the server) and forwards anything else it prints.
        Thread.ofPlatform().daemon().name("server-output").start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!announced.isDone() && (line.startsWith("PORT ") || line.startsWith("PATH "))) {
                        announced.complete(line.substring(5).trim());
                    } else {
                        System.err.println("[" + server + " server] " + line);
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // the server was killed
            }
            announced.completeExceptionally(new IOException("server exited: " + cmd));
        });
        try {
            return new ServerProcess(p, announced.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("server did not start: " + cmd, e);
        }
    }

    /**
     * The port the server listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return Integer.parseInt(announced);
    }

    /**
     * The socket file a Unix-domain server listens on (or receives on).
     *
     * @return the path
     */
    public Path path() {
        return Path.of(announced);
    }

    /** Stops the server: SIGTERM (so a JFR recording is written), then SIGKILL after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
