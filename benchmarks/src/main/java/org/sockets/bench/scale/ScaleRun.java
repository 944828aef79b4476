package org.sockets.bench.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sockets.testkit.PeerProcess;

/**
 * The scale run: this process is the server ({@link ScaleServer}, virtual threads, our API); a
 * second JVM runs {@link ScaleClient}. {@code ScaleRun [N [INFLIGHT]]} (defaults 10,000 and 256)
 * prints one {@code SCALE key=value ...} line for docs/PERFORMANCE.md. Run it with the
 * {@code -Xmx} to report: the line says which it was.
 *
 * <p>Heap is measured as used heap after two explicit full collections, before any connection
 * and again while all N are open and have each carried a request and its reply.
 */
public final class ScaleRun {

    private ScaleRun() {
    }

    /**
     * What one run measured.
     *
     * @param connections      connections held open at once
     * @param maxHeap          the server's -Xmx, in bytes
     * @param heapBefore       used heap after GC before any connection, bytes
     * @param heapOpen         used heap after GC with every connection open, bytes
     * @param establishMillis  client: first connect to the last one completed
     * @param acceptSpanMillis server: first accept to the last one
     * @param replyMillis      client: all requests sent and every reply read
     * @param rssKib           the server's resident set with every connection open, KiB
     * @param fdsOpen          the server's open descriptors with every connection open
     * @param virtualThreadsNote how connections were served
     * @param histogram        the top of the heap's class histogram with every connection open
     */
    public record Result(int connections, long maxHeap, long heapBefore, long heapOpen, long establishMillis,
                         long acceptSpanMillis, long replyMillis, long rssKib, int fdsOpen, String virtualThreadsNote,
                         String histogram) {

        /**
         * The heap each open connection costs: the growth of used heap after GC, divided evenly.
         *
         * @return bytes per connection
         */
        public long heapPerConnection() {
            return (heapOpen - heapBefore) / Math.max(1, connections);
        }

        /**
         * The {@code SCALE key=value ...} line bin/bench's report reads.
         *
         * @return the line
         */
        public String line() {
            return "SCALE connections=" + connections + " xmxMiB=" + maxHeap / (1 << 20)
                    + " heapBeforeKiB=" + heapBefore / 1024 + " heapOpenKiB=" + heapOpen / 1024
                    + " heapPerConnBytes=" + heapPerConnection() + " establishMs=" + establishMillis
                    + " acceptSpanMs=" + acceptSpanMillis + " replyMs=" + replyMillis + " rssKiB=" + rssKib
                    + " fds=" + fdsOpen + " threads=" + virtualThreadsNote;
        }
    }

    /**
     * Runs the scale scenario once, every step bounded in time.
     *
     * @param n        connections
     * @param inflight most connects in flight at once
     * @param phase    the most any phase may take
     * @return the figures
     * @throws IOException if the server or the client fails
     */
    public static Result run(int n, int inflight, Duration phase) throws IOException {
        long heapBefore = heapAfterGc();
        try (ScaleServer server = new ScaleServer(n, 4096);
             PeerProcess client = PeerProcess.start(clientCommand(server.port(), n, inflight))) {
            String connected = client.awaitLine(l -> l.startsWith("CONNECTED ") || l.startsWith("FAILED "), phase);
            check(connected, "CONNECTED ");
            String replied = client.awaitLine(l -> l.startsWith("REPLIED ") || l.startsWith("FAILED "), phase);
            check(replied, "REPLIED ");
            // Every reply was read by the client, so every server thread has counted its reply.
            long deadline = System.nanoTime() + phase.toNanos();
            while ((server.accepted() < n || server.replied() < n) && System.nanoTime() < deadline) {
                sleep(10);
            }
            if (server.accepted() != n || server.replied() != n || server.open() != n) {
                throw new IOException("server saw " + server.accepted() + " accepted, " + server.replied()
                        + " replied, " + server.open() + " open; expected " + n);
            }
            long heapOpen = heapAfterGc();
            String histogram = classHistogram(12);
            long rss = rssKib();
            int fds = countFds();
            client.stdin().write("close\n".getBytes(StandardCharsets.US_ASCII));
            client.stdin().close(); // end of input as well, and our end of the pipe released
            check(client.awaitLine(l -> l.startsWith("CLOSED ") || l.startsWith("FAILED "), phase), "CLOSED ");
            deadline = System.nanoTime() + phase.toNanos();
            while (server.open() > 0 && System.nanoTime() < deadline) {
                sleep(10);
            }
            return new Result(n, Runtime.getRuntime().maxMemory(), heapBefore, heapOpen,
                    Long.parseLong(connected.split(" ")[2]), server.acceptSpanNanos() / 1_000_000,
                    Long.parseLong(replied.split(" ")[2]), rss, fds, "one virtual thread per connection", histogram);
        }
    }

    private static void check(String line, String expected) throws IOException {
        if (!line.startsWith(expected)) {
            throw new IOException("client: " + line);
        }
    }

    private static String[] clientCommand(int port, int n, int inflight) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScaleClient.class.getName());
        cmd.add(Integer.toString(port));
        cmd.add(Integer.toString(n));
        cmd.add(Integer.toString(inflight));
        return cmd.toArray(String[]::new);
    }

    private static long heapAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        m.gc();
        m.gc(); // a second cycle collects what the first one's finalisation-like cleaners freed
        return m.getHeapMemoryUsage().getUsed();
    }

    /**
     * The first {@code top} rows of the live-object class histogram ({@code jcmd GC.class_histogram}),
     * each prefixed {@code HISTO}: where the per-connection heap goes.
     */
    private static String classHistogram(int top) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            StringBuilder sb = new StringBuilder();
            String[] lines = text.toString().split("\n");
            // lines[0] is the header, lines[1] the rule; then "num: instances bytes class"
            for (int i = 2; i < Math.min(lines.length, top + 2); i++) {
                sb.append("HISTO ").append(lines[i].trim()).append('\n');
            }
            return sb.toString();
        } catch (javax.management.JMException | RuntimeException e) {
            return "HISTO unavailable: " + e + "\n";
        }
    }

    private static long rssKib() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int countFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count() - 1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the scenario and prints the report line.
     *
     * @param args [N [INFLIGHT]]
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int inflight = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        Result r = run(n, inflight, Duration.ofSeconds(120));
        System.out.println(r.line());
        System.out.print(r.histogram());
    }
}
