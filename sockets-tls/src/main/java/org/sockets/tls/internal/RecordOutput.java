package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/**
 * A TLS endpoint's encrypted output on its way to the transport, and which application bytes the
 * records in it carry, so a send reports exactly the bytes whose records left in full (see
 * docs/decisions/2026-12-06-tls-send-accounting.md). Used only under the endpoint's write lock.
 *
 * <p>The buffer starts at two records' room, as the engine takes a wrap only with a full record's
 * room free, so a handshake flight of small records (ChangeCipherSpec, the encrypted rest) is
 * wrapped whole and leaves in one send (a TLS 1.3 server's ServerHello goes ahead of it on its
 * own: docs/decisions/2026-12-07-tls-serverhello-first.md). It grows to {@link #RECORDS} records the first
 * time application data wants more, so a 64 KiB write leaves in one transport call, while a
 * connection that only shakes hands and exchanges small messages never allocates that
 * (docs/decisions/2026-12-06-tls-performance.md).
 */
final class RecordOutput {

    /** How many full records the buffer grows to for application data: 64 KiB of plaintext. */
    static final int RECORDS = 4;

    /** Encrypted bytes not yet sent; drain mode. */
    ByteBuffer buf;
    /**
     * Application records not fully sent, oldest first, as a ring: the cumulative ciphertext count
     * at each record's end, and its plaintext length (primitive, so a record costs no allocation).
     */
    private long[] unsentEnd = new long[8];
    private int[] unsentLength = new int[8];
    private int unsentFirst;
    private int unsentCount;
    private long queued;
    private long sent;
    /** Application bytes whose records left in full but were not yet reported to a caller. */
    private long delivered;
    /** The plaintext of records a timed-out send left behind; the next send must begin with it. */
    private byte[] owed;

    /** An empty output for records of at most {@code packet} bytes. */
    RecordOutput(int packet) {
        buf = ByteBuffer.allocate(2 * packet).flip();
    }

    /**
     * One engine wrap of {@code src} appended to {@link #buf}, which grows when it cannot take a
     * record: to {@link #RECORDS} records when {@code src} holds more than fits, else by one.
     */
    SSLEngineResult wrap(SSLEngine engine, ByteBuffer src) throws SSLException {
        int packet = engine.getSession().getPacketBufferSize();
        buf.compact();
        try {
            if (src.remaining() > buf.remaining() && buf.capacity() < RECORDS * packet) {
                grow(RECORDS * packet);
            }
            while (true) {
                SSLEngineResult r = engine.wrap(src, buf);
                produced(r);
                if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW || buf.position() > 0) {
                    return r;
                }
                grow(buf.capacity() + packet);
            }
        } finally {
            buf.flip();
        }
    }

    /** Whether another full record fits behind what {@link #buf} holds. */
    boolean roomForRecord(SSLEngine engine) {
        return buf.capacity() - buf.limit() >= engine.getSession().getPacketBufferSize();
    }

    /** Grows buf (in fill mode) to {@code capacity}, keeping what it holds. */
    private void grow(int capacity) {
        buf = ByteBuffer.allocate(capacity).put(buf.flip());
    }

    private void produced(SSLEngineResult r) {
        queued += r.bytesProduced();
        if (r.bytesConsumed() > 0) {
            if (unsentCount == unsentEnd.length) {
                unsentEnd = ring(unsentEnd);
                unsentLength = ring(unsentLength);
                unsentFirst = 0;
            }
            int i = (unsentFirst + unsentCount++) % unsentEnd.length;
            unsentEnd[i] = queued;
            unsentLength[i] = r.bytesConsumed();
        }
    }

    private long[] ring(long[] a) {
        long[] b = new long[a.length * 2];
        for (int i = 0; i < unsentCount; i++) {
            b[i] = a[(unsentFirst + i) % a.length];
        }
        return b;
    }

    private int[] ring(int[] a) {
        int[] b = new int[a.length * 2];
        for (int i = 0; i < unsentCount; i++) {
            b[i] = a[(unsentFirst + i) % a.length];
        }
        return b;
    }

    /**
     * Whether the unsent output is exactly one ChangeCipherSpec record ({@code 14 03 03 00 01 01}),
     * as TLS 1.3's middlebox compatibility mode sends.
     */
    boolean holdsOnlyChangeCipherSpec() {
        int p = buf.position();
        return buf.remaining() == 6 && buf.get(p) == 20 && buf.get(p + 3) == 0 && buf.get(p + 4) == 1 && buf.get(p + 5) == 1;
    }

    boolean owes() {
        return owed != null;
    }

    /** Sends all of {@link #buf} within the deadline, one deadline for every partial send. */
    void flush(Endpoint net, Deadline d, String name) throws IOException {
        while (buf.hasRemaining()) {
            int n = net.send(buf, d);
            sent += n;
            while (unsentCount > 0 && unsentEnd[unsentFirst] <= sent) {
                delivered += unsentLength[unsentFirst];
                unsentFirst = (unsentFirst + 1) % unsentEnd.length;
                unsentCount--;
            }
            if (buf.hasRemaining() && d.hasPassed()) {
                throw d.timedOut("send on " + name);
            }
        }
    }

    /** Sends what the transport takes without waiting (a carrier may take a part per attempt). */
    void sendNow(Endpoint net) throws IOException {
        Deadline now = Deadline.after(Duration.ZERO);
        for (int i = 0; i < 100_000 && buf.hasRemaining(); i++) {
            int n = net.send(buf, now);
            sent += n;
            if (n == 0) {
                return;
            }
        }
    }

    /**
     * Checks that a send begins with the owed bytes and says how many of src's first bytes are
     * already in records: all that is owed, or src's length if shorter (-1 then marks a short repeat).
     */
    int repeated(ByteBuffer src, String op, String name) {
        if (owed == null) {
            return 0;
        }
        int m = Math.min(src.remaining(), owed.length);
        if (!src.slice(src.position(), m).equals(ByteBuffer.wrap(owed, 0, m))) {
            throw new IllegalStateException(op + " on " + name + ": a send timed out with " + owed.length
                    + " bytes in TLS records not yet fully sent; the next send must begin with those bytes");
        }
        return m;
    }

    /** Whether src holds all that is owed, so new bytes may follow in records. */
    boolean coversOwed(int repeated) {
        return owed == null || repeated == owed.length;
    }

    /** Moves src over the bytes whose records left in full (at most inSrc) and drops them from what is owed. */
    int report(ByteBuffer src, int inSrc) {
        int r = (int) Math.min(delivered, inSrc);
        if (r > 0) {
            src.position(src.position() + r);
            delivered -= r;
            if (owed != null) {
                owed = r >= owed.length ? null : Arrays.copyOfRange(owed, r, owed.length);
            }
        }
        return r;
    }

    /** After a call: the bytes still in records are owed by the next send. */
    void keepOwed(ByteBuffer src, int inSrc, boolean wrappedFromSrc) {
        if (!wrappedFromSrc) {
            return; // a short repeat: owed already holds the rest
        }
        if (inSrc > 0) {
            owed = new byte[inSrc];
            src.get(src.position(), owed);
        } else {
            owed = null;
        }
    }
}
