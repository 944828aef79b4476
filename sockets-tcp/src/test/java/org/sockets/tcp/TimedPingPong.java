package org.sockets.tcp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.sockets.api.Endpoint;
import org.sockets.api.Options;

/**
 * A measurement, not a test: 64-byte round trips over one loopback connection whose two ends
 * both have a timeout, so every recv that finds nothing waits in {@code ReadinessWait}. It shows
 * what a timed wait costs per round trip (compare {@code blocking}, which goes straight to the
 * JDK). Run from the module's test classes:
 *
 * <pre>
 * java -cp sockets-api/target/classes:sockets-tcp/target/classes:sockets-tcp/target/test-classes \
 *     org.sockets.tcp.TimedPingPong [timeout|blocking] [platform|virtual] [seconds]
 * </pre>
 *
 * <p>Prints the median of one-second samples in microseconds per round trip.
 */
final class TimedPingPong {

    private static final int SIZE = 64;

    private TimedPingPong() {
    }

    public static void main(String[] args) throws Exception {
        boolean timed = args.length < 1 || args[0].equals("timeout");
        boolean virtual = args.length >= 2 && args[1].equals("virtual");
        int seconds = args.length >= 3 ? Integer.parseInt(args[2]) : 5;
        try (Loopback.Pair p = Loopback.pair()) {
            for (Endpoint e : new Endpoint[] {p.client(), p.server()}) {
                e.option(Options.TCP_NODELAY, true);
                if (timed) {
                    e.timeout(Duration.ofSeconds(30));
                }
            }
            Thread echo = (virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon()).start(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(SIZE);
                try {
                    while (true) {
                        b.clear();
                        while (b.hasRemaining()) {
                            if (p.server().recv(b) == 0) {
                                return;
                            }
                        }
                        b.flip();
                        p.server().sendAll(b);
                    }
                } catch (Exception closed) {
                    // the run is over
                }
            });
            double[] samples = new double[seconds];
            Thread ping = (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(SIZE);
                try {
                    roundTrips(p.client(), b, 2_000_000_000L); // warm-up
                    for (int i = 0; i < seconds; i++) {
                        long t0 = System.nanoTime();
                        long n = roundTrips(p.client(), b, 1_000_000_000L);
                        samples[i] = (System.nanoTime() - t0) / 1000.0 / n;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ping.join();
            double[] sorted = samples.clone();
            Arrays.sort(sorted);
            System.out.printf("%s, %s threads: median %.2f us per 64-byte round trip; samples %s%n",
                    timed ? "timeout" : "blocking", virtual ? "virtual" : "platform", sorted[sorted.length / 2],
                    Arrays.toString(Arrays.stream(samples).map(s -> Math.round(s * 100) / 100.0).toArray()));
            p.client().close();
            echo.join(5_000);
        }
    }

    /** Round trips for about {@code nanos}; returns how many. */
    private static long roundTrips(Endpoint e, ByteBuffer b, long nanos) throws Exception {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 100; k++, n++) {
                b.clear();
                e.sendAll(b);
                b.clear();
                while (b.hasRemaining()) {
                    if (e.recv(b) == 0) {
                        throw new IllegalStateException("end of stream");
                    }
                }
            }
        }
        return n;
    }
}
