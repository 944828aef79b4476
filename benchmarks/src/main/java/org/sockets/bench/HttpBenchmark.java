package org.sockets.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sockets.http.Http1Client;
import org.sockets.http.Response;

/**
 * Issue #17, must show 6: keep-alive GETs of 128 bytes against {@link HttpBenchServer}'s nginx,
 * {@code inFlight} at once, each from its own virtual thread (the same thread kind for both
 * clients), bodies read whole. {@code impl=sockets}: one {@link Http1Client} (16 idle connections
 * per origin); {@code impl=jdk}: one {@code java.net.http.HttpClient} built once with
 * {@code version(HTTP_1_1)} and a virtual-thread executor (its pool has no per-origin cap).
 * An operation is one GET; each invocation runs {@value #BATCH} of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class HttpBenchmark {

    static final int BATCH = 1600;

    /** {@code sockets} or {@code jdk}. */
    @Param({"sockets", "jdk"})
    public String impl;

    /** GETs in flight at once: 1 or 16. */
    @Param({"1", "16"})
    public int inFlight;

    /** nginx's port (from HttpBenchServer). */
    @Param({"0"})
    public int port;

    private URI uri;
    private Http1Client ours;
    private HttpClient jdk;
    private HttpRequest jdkRequest;
    private ExecutorService threads;

    @Setup(Level.Trial)
    public void setUp() {
        uri = URI.create("http://127.0.0.1:" + port + "/b128.txt");
        threads = Executors.newVirtualThreadPerTaskExecutor();
        if (impl.equals("sockets")) {
            ours = Http1Client.create();
        } else {
            jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            jdkRequest = HttpRequest.newBuilder(uri).GET().build();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threads.close();
        if (ours != null) {
            ours.close();
        }
        if (jdk != null) {
            jdk.close();
        }
    }

    /**
     * {@value #BATCH} GETs, {@code inFlight} at a time.
     *
     * @return bytes read
     * @throws Exception on failure
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long gets() throws Exception {
        List<Future<Long>> all = new ArrayList<>(inFlight);
        for (int t = 0; t < inFlight; t++) {
            all.add(threads.submit(() -> {
                long n = 0;
                for (int i = 0; i < BATCH / inFlight; i++) {
                    n += impl.equals("sockets") ? oursOnce() : jdkOnce();
                }
                return n;
            }));
        }
        long n = 0;
        for (Future<Long> f : all) {
            n += f.get();
        }
        if (n != (long) BATCH * 128) {
            throw new IOException("read " + n + " bytes, not " + BATCH * 128);
        }
        return n;
    }

    private long oursOnce() throws IOException {
        try (Response r = ours.get(uri)) {
            return r.bytes().length;
        }
    }

    private long jdkOnce() throws IOException, InterruptedException {
        return jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }
}
