package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import javax.net.ssl.SSLEngineResult;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/**
 * A TLS endpoint's encrypted output on its way to the transport, and which application bytes the
 * records in it carry, so a send reports exactly the bytes whose records left in full (see
 * docs/decisions/2026-12-06-tls-send-accounting.md). Used only under the endpoint's write lock.
 */
final class RecordOutput {

    /** Encrypted bytes not yet sent; drain mode. */
    ByteBuffer buf;
    /** Application records not fully sent: {cumulative ciphertext at the record's end, its plaintext length}. */
    private final ArrayDeque<long[]> unsent = new ArrayDeque<>();
    private long queued;
    private long sent;
    /** Application bytes whose records left in full but were not yet reported to a caller. */
    private long delivered;
    /** The plaintext of records a timed-out send left behind; the next send must begin with it. */
    private byte[] owed;

    RecordOutput(int capacity) {
        buf = ByteBuffer.allocate(capacity).flip();
    }

    /** Notes what one engine wrap put into {@link #buf}. */
    void produced(SSLEngineResult r) {
        queued += r.bytesProduced();
        if (r.bytesConsumed() > 0) {
            unsent.addLast(new long[] {queued, r.bytesConsumed()});
        }
    }

    boolean owes() {
        return owed != null;
    }

    /** Sends all of {@link #buf} within the deadline, one deadline for every partial send. */
    void flush(Endpoint net, Deadline d, String name) throws IOException {
        while (buf.hasRemaining()) {
            int n = net.send(buf, d);
            sent += n;
            while (!unsent.isEmpty() && unsent.peekFirst()[0] <= sent) {
                delivered += unsent.pollFirst()[1];
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
