package org.sockets.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * Issue #17, must show 6, the download half: one GET of {@link HttpBenchServer#BIG} bytes from
 * {@link HttpBenchServer}'s nginx (a file on tmpfs) into a 16 KiB discard buffer, the size of
 * curl's; bin/bench runs {@code curl -o /dev/null} against the same URL, interleaved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class HttpDownloadBenchmark {

    /** nginx's port (from HttpBenchServer). */
    @Param({"0"})
    public int port;

    private Http1Client client;

    @Setup(Level.Trial)
    public void setUp() {
        client = Http1Client.create();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /**
     * One download of 1 GiB.
     *
     * @return bytes read
     * @throws IOException on failure or a short body
     */
    @Benchmark
    public long download() throws IOException {
        byte[] discard = new byte[16 * 1024];
        long n = 0;
        try (Response r = client.get(URI.create("http://127.0.0.1:" + port + "/big.bin"));
             InputStream in = r.body()) {
            for (int k; (k = in.read(discard)) >= 0; ) {
                n += k;
            }
        }
        if (n != HttpBenchServer.BIG) {
            throw new IOException("read " + n + " bytes, not " + HttpBenchServer.BIG);
        }
        return n;
    }
}
