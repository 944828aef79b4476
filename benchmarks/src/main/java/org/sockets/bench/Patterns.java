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
}
