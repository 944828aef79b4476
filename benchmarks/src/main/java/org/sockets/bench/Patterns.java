package org.sockets.bench;

import java.nio.charset.StandardCharsets;

/**
 * The figures every side of a pattern shares, in one place so no side can drift from another
 * (the Python scripts repeat them; {@code servers.py} says where).
 */
public final class Patterns {

    private Patterns() {
    }

    /** Bulk: each write and each read buffer, as iperf3 {@code -l 64K}. */
    public static final int BULK_CHUNK = 64 * 1024;

    /** Bulk: bytes per measured transfer (2 GiB). */
    public static final long BULK_BYTES = 2L * 1024 * 1024 * 1024;

    /** Ping-pong: the message size, in bytes. */
    public static final int PING_SIZE = 64;

    /** Accept loop: what the tutorial's server sends to each client before closing. */
    public static final byte[] THANK_YOU = "Thank you for connecting".getBytes(StandardCharsets.US_ASCII);

    /** Accept loop: the listen backlog of every server (the tutorial's 5 would measure SYN retries). */
    public static final int BACKLOG = 1024;

    /**
     * UDP: the receive buffer of the raw baseline and of the sockets receiver's "straight in"
     * variant: direct, 64 KiB (at least {@code UdpEndpoint}'s scratch size, so ours receives into
     * it without a copy, and larger than any datagram, so nothing is cut).
     */
    public static final int UDP_BUFFER = 64 * 1024;

    /** UDP: the sockets receiver's heap variant, a 2 KiB array (ours receives via its scratch buffer and copies). */
    public static final int UDP_HEAP_BUFFER = 2 * 1024;

    /**
     * UDP and Unix DGRAM: a datagram of this length is a count query, not data: the receiver
     * answers it with {@link #COUNT_REPLY} bytes (the query's 8-byte sequence number, then the
     * number of data datagrams it has received so far, both big-endian longs). Data datagrams are
     * 64 bytes or more, so a query is never mistaken for data.
     */
    public static final int COUNT_QUERY = 8;

    /** The length of a count reply. */
    public static final int COUNT_REPLY = 16;

    /**
     * UDP: the sender's fixed pacing, datagrams per second, for a datagram size: the same for every
     * receiver. Chosen once (docs/decisions/2026-11-26-bench-udp-unix.md) as a rate at which the raw
     * baseline loses little on this VM, then fixed for every side.
     *
     * @param size 64 or 1400
     * @return datagrams per second
     */
    public static int udpRate(int size) {
        // -Dbench.udpRate=N overrides both, to find the pacing by hand; bin/bench never sets it.
        return Integer.getInteger("bench.udpRate", size <= 64 ? UDP_RATE_SMALL : UDP_RATE_LARGE);
    }

    /** UDP: pacing for 64-byte datagrams. */
    public static final int UDP_RATE_SMALL = 200_000;

    /** UDP: pacing for 1400-byte datagrams. */
    public static final int UDP_RATE_LARGE = 200_000;

    /**
     * UDP, the loss-sensitive configuration: the SO_RCVBUF every receiver requests alike (raw
     * baseline, ours, Python), for a datagram size. The kernel doubles the request and charges each
     * datagram its buffer's true size (~770 B for 64 B, ~2.3 KiB for 1400 B on loopback), so both
     * hold about 21 datagrams, ~0.1 ms at 200k/s, against ~1 ms for the kernel default. Chosen
     * (docs/decisions/2026-11-26-bench-udp-loss.md) so that the raw baseline loses a few percent at
     * the same pacing; fixed for every side.
     *
     * @param size 64 or 1400
     * @return bytes to request with SO_RCVBUF
     */
    public static int udpLossRcvbuf(int size) {
        return size <= 64 ? 8 * 1024 : 24 * 1024;
    }

    /** UDP: how long one measured operation sends at the fixed rate. */
    public static final double UDP_SECONDS = 0.5;

    /** Unix DGRAM: the datagram size of the rate pattern. */
    public static final int UNIX_DGRAM_SIZE = 64;

    /** Unix DGRAM: datagrams per measured operation (no loss on Unix: the sender waits for room). */
    public static final int UNIX_DGRAM_COUNT = 100_000;

    /** TLS: the one protocol version every side enables. */
    public static final String TLS_PROTOCOL = "TLSv1.3";

    /** TLS: the one cipher suite every side enables (Python's server cannot restrict TLS 1.3 suites; the client offers only this one). */
    public static final String TLS_SUITE = "TLS_AES_128_GCM_SHA256";

    /**
     * TLS handshake trials: the JIT option every JVM of the trial gets — the client's fork and
     * every Java server — so the code a handshake runs once reaches C2 within the warm-up. At the
     * default thresholds a method called once per handshake needs some 15,000 calls for C2: at
     * ~175 handshakes/s per side (a paired pinned trial) that is about 90 s, so the compilers of
     * three JVMs were still taking a median 28% of the one CPU in the measured seconds, and single
     * seconds of a side swung from 120 to 530 handshakes/s. A tenth of every threshold front-loads
     * the same compiling: pinned, it ends after about 70 s and the measured seconds then stay
     * within ±10% (docs/decisions/2026-12-07-bench-tls-jit-thresholds.md).
     */
    public static final String TLS_HANDSHAKE_JIT = "-XX:CompileThresholdScaling=0.1";

    /** TLS: the host name every client expects in the certificate and sends as SNI. */
    public static final String TLS_HOST = "localhost";

    /**
     * TLS bulk: bytes per measured transfer (128 MiB, in {@link #BULK_CHUNK} writes): TLS moves
     * ~10× fewer bytes per second than plain loopback TCP, and a trial must stay a few seconds.
     */
    public static final long TLS_BULK_BYTES = 128L * 1024 * 1024;

    /** TLS bulk request: the server sends {@link #TLS_BULK_BYTES} (server role under test). */
    public static final byte TLS_SEND = 'S';

    /** TLS bulk request: the server receives {@link #TLS_BULK_BYTES}, then answers one byte (client role under test). */
    public static final byte TLS_RECEIVE = 'R';
}
