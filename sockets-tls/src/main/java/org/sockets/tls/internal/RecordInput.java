package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/**
 * A TLS endpoint's input: the encrypted bytes received and not yet unwrapped, and the decrypted
 * bytes not yet delivered. Used only under the endpoint's read lock.
 *
 * <p>Decrypted bytes go straight into the caller's buffer; {@code appIn} holds only what did not
 * fit, so it is allocated the first time a record is larger than the caller's room (a 64-byte
 * request/reply exchange or a handshake never needs it), not per connection at the session's
 * maximum (docs/decisions/2026-12-06-tls-performance.md).
 */
final class RecordInput {

    private final SSLEngine engine;
    /** Received TLS bytes not yet unwrapped; fill mode. */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet delivered; drain mode. Empty (no storage) until a record overflows. */
    private ByteBuffer appIn = ByteBuffer.allocate(0);
    /** The engine's destinations for an unwrap into the caller's buffer: {dst, appIn}, reused. */
    private final ByteBuffer[] dsts = new ByteBuffer[2];

    RecordInput(SSLEngine engine) {
        this.engine = engine;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** Whether decrypted bytes wait for a caller. */
    boolean hasApplicationData() {
        return appIn.hasRemaining();
    }

    /** How many decrypted bytes wait for a caller. */
    int applicationData() {
        return appIn.remaining();
    }

    /** How many received TLS bytes wait to be unwrapped. */
    int pending() {
        return netIn.position();
    }

    /** Moves waiting decrypted bytes into {@code dst}; returns how many. */
    int take(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        dst.put(dst.position(), appIn, appIn.position(), n);
        dst.position(dst.position() + n);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** Reads more TLS bytes from the transport; 0 at its end of stream. */
    int fill(Endpoint net, Deadline d) throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        return net.recv(netIn, d);
    }

    /** One engine unwrap of what has been received: into {@code dst} first when given, then {@code appIn}. */
    SSLEngineResult unwrap(ByteBuffer dst) throws SSLException {
        while (true) {
            appIn.compact();
            netIn.flip();
            SSLEngineResult r;
            try {
                if (dst == null) {
                    r = engine.unwrap(netIn, appIn);
                } else {
                    dsts[0] = dst;
                    dsts[1] = appIn;
                    r = engine.unwrap(netIn, dsts);
                }
            } finally {
                dsts[0] = null;
                netIn.compact();
                appIn.flip();
            }
            if (r.getStatus() != Status.BUFFER_OVERFLOW) {
                return r;
            }
            // appIn holds a previous record's bytes or is too small for this one
            ByteBuffer bigger = ByteBuffer.allocate(appIn.remaining() + engine.getSession().getApplicationBufferSize());
            bigger.put(appIn).flip();
            appIn = bigger;
        }
    }

    /** The received bytes behind the peer's close_notify (plain bytes after unwrap()), taken out. */
    ByteBuffer takeRest() {
        netIn.flip();
        ByteBuffer rest = ByteBuffer.allocate(netIn.remaining()).put(netIn).flip();
        netIn.clear();
        return rest;
    }
}
