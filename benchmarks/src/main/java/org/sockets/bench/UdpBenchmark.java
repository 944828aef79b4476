package org.sockets.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.sockets.bench.driver.ServerProcess;

/**
 * UDP receive rate and loss at a fixed sender pacing. The receiver under test runs in its own
 * process ({@code raw}: the frozen {@code RawUdpServers}; {@code sockets}: our endpoint receiving
 * into a direct 64 KiB buffer, straight in, as {@code raw}; {@code socketsheap}: ours into a 2 KiB
 * heap array, via the scratch buffer and a copy; {@code rawheap}: the baseline into the same heap
 * buffer, via the JDK's temporary direct buffer and a copy; {@code python}: {@code recvfrom_into}). The sender is this
 * benchmark, the same raw {@link DatagramChannel} code for every receiver: connected, a direct
 * buffer, {@code write}, paced at {@link Patterns#udpRate} datagrams per second for
 * {@link Patterns#UDP_SECONDS} per operation (in slots of the timer's resolution, catching up
 * where a slot ran late in bursts of at most 16 with a yield between; never faster than the rate). After the last datagram it asks
 * the receiver for its count (a query datagram, which the receiver answers after every datagram
 * queued before it), so received = count after − count before, and loss = 1 − received / sent.
 *
 * <p>The score JMH reports is the operation's time (about the send time, so meaningless); the
 * figures are the {@code UDPRESULT} lines this prints for every measured operation, which
 * {@code report.py} reads from the trial's log: sent, received, and seconds from the first send
 * to the count's reply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class UdpBenchmark {

    /** The receiver under test: {@code raw}, {@code sockets}, {@code rawheap}, {@code socketsheap} or {@code python}. */
    @Param({"raw", "sockets", "rawheap", "socketsheap", "python"})
    public String server;

    /** The datagram payload, in bytes. */
    @Param({"64", "1400"})
    public int size;

    /**
     * The SO_RCVBUF every receiver requests, alike (the kernel doubles it): {@code default}, no
     * option changed (the kernel default); {@code small}, {@link Patterns#udpLossRcvbuf} (the
     * loss-sensitive configuration); or a number of bytes (to explore by hand).
     */
    @Param({"default"})
    public String rcvbuf;

    /** The sender's pacing, datagrams per second; {@code 0}: {@link Patterns#udpRate}. */
    @Param({"0"})
    public int rate;

    /** The most datagrams sent back to back before the sender yields the CPU. */
    private static final int BURST = 16;

    private ServerProcess process;
    private DatagramChannel channel;
    private ByteBuffer datagram;
    private final ByteBuffer query = ByteBuffer.allocateDirect(Patterns.COUNT_QUERY);
    private final byte[] reply = new byte[Patterns.COUNT_REPLY];
    private long seq;
    private boolean measuring;

    /**
     * Starts the receiver and connects the sender to it.
     *
     * @throws IOException if either fails
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        String request = Integer.toString(switch (rcvbuf) {
            case "default" -> 0;
            case "small" -> Patterns.udpLossRcvbuf(size);
            default -> Integer.parseInt(rcvbuf);
        });
        process = switch (server) {
            case "socketsheap" -> ServerProcess.start("sockets", "udp-heap", request);
            case "rawheap" -> ServerProcess.start("raw", "udp-heap", request);
            default -> ServerProcess.start(server, "udp", request);
        };
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(new InetSocketAddress("127.0.0.1", process.port()));
        channel.socket().setSoTimeout(100);
        datagram = ByteBuffer.allocateDirect(size);
        count(); // the receiver is up and answering before the first operation
    }

    /**
     * Notes whether the coming iteration is measured (only those print results).
     *
     * @param params JMH's iteration parameters
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /**
     * Sends {@code rate × UDP_SECONDS} datagrams at the fixed rate and reads how many arrived.
     *
     * @return the count received, so nothing is optimised away
     * @throws IOException on an I/O error, or if the receiver stops answering
     */
    @Benchmark
    public long paced() throws IOException {
        int rate = this.rate > 0 ? this.rate : Patterns.udpRate(size);
        long n = Math.round(rate * Patterns.UDP_SECONDS);
        double nanosPer = 1e9 / rate;
        long before = count();
        long start = System.nanoTime();
        long limit = start + (long) (Patterns.UDP_SECONDS * 1e9) + TimeUnit.SECONDS.toNanos(5);
        long sent = 0;
        while (sent < n) {
            long now = System.nanoTime();
            if (now > limit) {
                throw new IOException("sender fell more than 5 s behind its schedule after " + sent + " of " + n);
            }
            // A late sender catches up in bursts of at most BURST, yielding in between, so that
            // no burst alone overflows the receiver's queue (on one CPU the receiver runs only
            // when the sender yields or sleeps).
            long due = Math.min(Math.min(n, (long) ((now - start) / nanosPer) + 1), sent + BURST);
            while (sent < due) {
                datagram.clear();
                channel.write(datagram);
                sent++;
            }
            if (sent < n) {
                // Sleep until the next datagram is due (the timer rounds up to ~50-60 µs: a slot
                // then holds a few); if it is already due (a capped burst), only yield.
                long wait = start + (long) (sent * nanosPer) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    Thread.yield();
                }
            }
        }
        long received = count() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        if (measuring) {
            System.out.printf("UDPRESULT server=%s size=%d rate=%d rcvbuf=%s sent=%d received=%d seconds=%.6f%n",
                    server, size, rate, rcvbuf, sent, received, seconds);
        }
        return received;
    }

    /**
     * Asks the receiver for its count: a numbered query, retried every 100 ms (a query can be lost
     * in a full queue too) at most 50 times; replies to earlier queries are skipped.
     */
    private long count() throws IOException {
        long id = ++seq;
        DatagramPacket p = new DatagramPacket(reply, reply.length);
        for (int attempt = 0; attempt < 50; attempt++) {
            query.clear();
            query.putLong(0, id);
            channel.write(query);
            try {
                while (true) {
                    channel.socket().receive(p);
                    ByteBuffer r = ByteBuffer.wrap(reply, 0, p.getLength());
                    if (p.getLength() == Patterns.COUNT_REPLY && r.getLong(0) == id) {
                        return r.getLong(8);
                    }
                }
            } catch (SocketTimeoutException e) {
                // lost: ask again
            }
        }
        throw new IOException("the " + server + " receiver did not answer 50 count queries");
    }

    /** Closes the sender and stops the receiver. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        channel.close();
        process.close();
    }
}
