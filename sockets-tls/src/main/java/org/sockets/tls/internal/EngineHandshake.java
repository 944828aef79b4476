package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/**
 * The initial handshake of one TLS endpoint, driven over its transport: the engine's flights
 * wrapped into the endpoint's {@link RecordOutput} and sent, the peer's read through its
 * {@link RecordInput}. Run by the endpoint holding both its locks; a failure is kept, so a later
 * call fails alike instead of handshaking again.
 */
final class EngineHandshake {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SSLEngine engine;
    private final Endpoint net;
    private final RecordInput in;
    private final RecordOutput out;
    private final String name;
    /** A server's constraints that let its TLS 1.3 ServerHello leave before it signs; null for a client. */
    private final EarlyHello early;
    /** A send made from within the engine's task failed: thrown once the task is over. */
    private IOException earlyFailure;
    private volatile boolean started;
    private boolean helloSent;
    private volatile IOException failure;

    EngineHandshake(SSLEngine engine, Endpoint net, RecordInput in, RecordOutput out, String name, EarlyHello early) {
        this.engine = engine;
        this.net = net;
        this.in = in;
        this.out = out;
        this.name = name;
        this.early = early;
    }

    /** Whether the engine began handshaking (so closing it has a close_notify to send). */
    boolean started() {
        return started;
    }

    /** Runs the handshake to its end within {@code d}; returns once the engine is not handshaking. */
    void run(Deadline d) throws IOException {
        if (failure != null) {
            throw new SSLException(name + ": the handshake failed earlier: " + failure.getMessage(), failure);
        }
        try {
            if (!started) {
                engine.beginHandshake();
                started = true;
            }
            out.flush(net, d, name);
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks(d);
                    case NEED_WRAP -> {
                        if (!out.roomForRecord(engine)) {
                            out.flush(net, d, name);
                        }
                        wrapFlight(d);
                        if (engine.isOutboundDone()) {
                            out.flush(net, d, name);
                            throw new SSLHandshakeException(name + ": the engine closed during the handshake");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult r = in.unwrap(null);
                        if (r.getStatus() == Status.CLOSED) {
                            throw new SSLHandshakeException(name + ": the peer closed TLS during the handshake");
                        }
                        if (r.getStatus() == Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                            // What we wrapped goes only now that we wait for the peer: records the
                            // engine wraps between unwraps of what was already received (TLS 1.3's
                            // client ChangeCipherSpec, then its Finished) share one send. A lone
                            // TLS 1.3 compatibility ChangeCipherSpec waits for the Finished even when
                            // the server's flight comes in two sends (its ServerHello first): the
                            // server ignores it, and does not wait for it (RFC 8446, D.4).
                            if (!out.holdsOnlyChangeCipherSpec()) {
                                out.flush(net, d, name);
                            }
                            if (in.fill(net, d) == 0) {
                                throw new SSLHandshakeException(name + ": the peer closed the connection during the TLS handshake");
                            }
                        }
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        out.flush(net, d, name);
                        return;
                    }
                }
            }
        } catch (SSLHandshakeException e) {
            sendAlertNow();
            SSLHandshakeException typed = Contexts.classify(e, name);
            failure = typed;
            throw typed;
        } catch (SSLException e) {
            sendAlertNow();
            failure = e;
            throw e;
        }
    }

    /**
     * Wraps the engine's records while it has more to send and room is left; they are sent when
     * the handshake next waits for the peer or ends, so a flight leaves in one transport send, not
     * one per wrap: fewer sends, fewer segments with TCP_NODELAY, fewer wake-ups of the peer
     * (docs/decisions/2026-12-06-tls-performance.md).
     *
     * <p>One exception: a TLS 1.3 server sends its ServerHello on its own. It carries the server's
     * key share, so the client starts its key agreement and key schedule on it while we make the
     * rest of the flight. Normally it has left already, from within the engine's task and before
     * the signature ({@link EarlyHello}); if not, it leaves here as soon as it is wrapped, while we
     * wrap (and encrypt, with keys the engine sets up on the first encrypted record) the rest.
     * Interleaved unpinned trials of that fallback alone: about 10% more full handshakes per second
     * than with the flight in one send (docs/decisions/2026-12-07-tls-serverhello-first.md). A
     * TLS 1.2 ServerHello carries no key share, so there the flight stays whole.
     */
    private void wrapFlight(Deadline d) throws IOException {
        do {
            SSLEngineResult r = out.wrap(engine, EMPTY);
            if (r.getStatus() != Status.OK) {
                return; // CLOSED: the caller checks the engine; BUFFER_OVERFLOW: flushed, then wrapped again
            }
            if (!helloSent && !engine.getUseClientMode()) {
                helloSent = true;
                if (isTls13(engine)) {
                    out.flush(net, d, name); // the ServerHello alone: see wrapFlight's comment
                }
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks(d);
            }
        } while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && out.roomForRecord(engine));
    }

    private static boolean isTls13(SSLEngine engine) {
        SSLSession s = engine.getHandshakeSession();
        return s != null && "TLSv1.3".equals(s.getProtocol());
    }

    /**
     * Runs the engine's delegated tasks; a server's with its {@link EarlyHello} armed, so that a
     * TLS 1.3 ServerHello queued within a task leaves before the task signs.
     */
    private void runTasks(Deadline d) throws IOException {
        if (early == null || helloSent) {
            runTasks(engine);
            return;
        }
        early.arm(() -> sendQueued(d));
        try {
            runTasks(engine);
        } finally {
            early.disarm();
        }
        IOException e = earlyFailure;
        if (e != null) {
            earlyFailure = null;
            throw e;
        }
    }

    /**
     * Called within the engine's task, on this thread, which holds the engine's (reentrant) lock
     * ({@link EarlyHello}): once a TLS 1.3 server's engine has queued its ServerHello (and the
     * compatibility ChangeCipherSpec behind it), wraps them and sends them at once. Before that
     * the wrap returns nothing. A failed send is kept and thrown when the task is over, as an
     * exception thrown here would reach the engine, not us.
     */
    private void sendQueued(Deadline d) {
        if (helloSent || earlyFailure != null || !isTls13(engine)) {
            return;
        }
        try {
            SSLEngineResult r;
            do {
                r = out.wrap(engine, EMPTY);
            } while (r.getStatus() == Status.OK && r.bytesProduced() > 0 && out.roomForRecord(engine));
            if (out.buf.hasRemaining()) {
                helloSent = true;
                out.flush(net, d, name);
            }
        } catch (IOException e) {
            earlyFailure = e;
        }
    }

    /** Runs the engine's delegated tasks (certificate and signature checks) in the calling thread. */
    static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** After a failed handshake the engine holds an alert: send it if the transport takes it now. */
    private void sendAlertNow() {
        try {
            if (!engine.isOutboundDone()) {
                engine.closeOutbound();
            }
            out.wrap(engine, EMPTY);
            out.sendNow(net);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the failure being reported matters, not the alert
        }
    }
}
