package org.sockets.tls.internal;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.spi.EndpointSupport;
import org.sockets.api.Shutdown;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsRenegotiationException;
import org.sockets.tls.TlsTruncationException;

/**
 * A TLS endpoint on an {@link SSLEngine} over another stream endpoint.
 *
 * <p>Locking (see docs/decisions/2026-12-06-tls-locking.md): {@code readLock} is held by the one
 * receiving thread and guards {@code in}; {@code writeLock} by the one sending thread and guards
 * {@code out}. The handshake and {@code unwrap()} take both, read first.
 * The engine locks itself for each wrap/unwrap; no lock of ours is held by a call that another
 * thread's progress depends on except the direction's own. Output the engine produces while
 * reading (a TLS 1.3 KeyUpdate answer, a TLS 1.2 close_notify answer) is sent by the reader only
 * if the write lock is free at once; otherwise the writer sends it when it lets go.
 */
final class EngineEndpoint extends ForwardingEndpoint implements TlsEndpoint {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SSLEngine engine;
    private final SSLContext context;
    private final String name;

    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Received TLS bytes not yet unwrapped, decrypted bytes not yet delivered. Reader's. */
    private final RecordInput in;
    /** Encrypted bytes not yet sent, and what they carry. Writer's. */
    private final RecordOutput out;
    private final EngineHandshake handshake;

    private volatile boolean handshakeDone;
    private volatile IOException failure;
    private volatile boolean inboundDone;
    private volatile boolean truncated;
    private volatile boolean readShut;
    private volatile boolean outboundShut;
    private volatile boolean unwrapped;
    /** The engine has output (KeyUpdate or close_notify answer) a reader could not send. */
    private volatile boolean flushWanted;

    EngineEndpoint(Endpoint net, SSLEngine engine, SSLContext context, EarlyHello early) {
        super(net);
        this.engine = engine;
        this.context = context;
        this.name = "TLS " + (engine.getUseClientMode() ? "client" : "server") + " over " + describe(net);
        this.in = new RecordInput(engine);
        this.out = new RecordOutput(engine.getSession().getPacketBufferSize());
        this.handshake = new EngineHandshake(engine, net, in, out, name, early);
    }

    private static String describe(Endpoint net) {
        try {
            return net.family() + " " + net.peerAddress();
        } catch (IOException | RuntimeException e) {
            return net.family() + " endpoint";
        }
    }

    SSLEngine engine() {
        return engine;
    }

    SSLContext context() {
        return context;
    }

    // ------------------------------------------------------------------ handshake

    @Override
    public TlsEndpoint handshake() throws IOException {
        ensureHandshake(Deadline.of(timeout()), "handshake");
        return this;
    }

    void ensureHandshake(Deadline d, String op) throws IOException {
        if (handshakeDone) {
            return;
        }
        lock(readLock, d, op);
        try {
            lock(writeLock, d, op);
            try {
                if (!handshakeDone) {
                    checkOpen(op);
                    handshake.run(d);
                    handshakeDone = true;
                }
            } finally {
                writeLock.unlock();
            }
        } finally {
            readLock.unlock();
        }
    }

    // ------------------------------------------------------------------ receiving

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, Deadline.of(timeout()));
    }

    @Override
    public int recv(ByteBuffer dst, Deadline d) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("recv: the buffer is read-only");
        }
        ensureHandshake(d, "recv");
        lock(readLock, d, "recv");
        try {
            checkOpen("recv");
            try {
                return read(dst, d);
            } catch (IOException e) {
                throw closed.get() && !(e instanceof SSLException) ? asyncClose(e) : e;
            }
        } finally {
            readLock.unlock();
        }
    }

    private int read(ByteBuffer dst, Deadline d) throws IOException {
        while (true) {
            if (in.hasApplicationData()) {
                return in.take(dst);
            }
            if (inboundDone || readShut) {
                return 0;
            }
            if (truncated) {
                throw truncation();
            }
            if (in.pending() > 0) {
                int before = dst.position();
                SSLEngineResult r = in.unwrap(dst);
                afterUnwrap(r, d);
                int direct = dst.position() - before;
                if (r.getStatus() == Status.CLOSED) {
                    inboundDone = true;
                    if (direct > 0 || in.hasApplicationData()) {
                        return direct > 0 ? direct : in.take(dst);
                    }
                    return 0;
                }
                if (direct > 0) {
                    return direct;
                }
                if (r.getStatus() == Status.OK && (r.bytesConsumed() > 0 || r.bytesProduced() > 0)) {
                    continue; // a ticket, a KeyUpdate, or data kept for the next recv
                }
            }
            if (in.fill(net, d) == 0) {
                if (readShut) {
                    return 0; // our own shutdown(READ), not the peer's
                }
                truncated = true;
                throw truncation();
            }
        }
    }

    private TlsTruncationException truncation() {
        return new TlsTruncationException(name + ": the transport ended without close_notify"
                + (in.pending() > 0 ? " (" + in.pending() + " bytes of an incomplete record)" : "")
                + "; what was received may be cut short");
    }

    private void afterUnwrap(SSLEngineResult r, Deadline d) throws IOException {
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            EngineHandshake.runTasks(engine);
            hs = engine.getHandshakeStatus();
        }
        if (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED) {
            return;
        }
        if (!"TLSv1.3".equals(engine.getSession().getProtocol()) && r.getStatus() != Status.CLOSED) {
            refuseRenegotiation();
        }
        if (hs == HandshakeStatus.NEED_WRAP) {
            flushWanted = true;
            if (writeLock.tryLock()) {
                try {
                    flushPending(d);
                } finally {
                    writeLock.unlock();
                }
            }
        }
    }

    private void refuseRenegotiation() throws TlsRenegotiationException {
        TlsRenegotiationException e = new TlsRenegotiationException(name + ": the peer asked to renegotiate "
                + engine.getSession().getProtocol() + ", which is refused; the connection is closed");
        failure = e;
        close();
        throw e;
    }

    // ------------------------------------------------------------------ sending

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, Deadline.of(timeout()));
    }

    @Override
    public int send(ByteBuffer src, Deadline d) throws IOException {
        return write(src, d, false);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        sendAll(src, Deadline.of(timeout()));
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline d) throws IOException {
        write(src, d, true);
    }

    private int write(ByteBuffer src, Deadline d, boolean all) throws IOException {
        String op = all ? "sendAll" : "send";
        ensureHandshake(d, op);
        int start = src.position();
        lock(writeLock, d, op);
        try {
            checkOpen(op);
            if (outboundShut) {
                throw new SocketException(op + " on " + name + ": sending was shut down (close_notify sent)");
            }
            // The bytes of src already in records (a timed-out send's, which the caller repeats):
            // all of what is owed, or, if src is shorter, its length (then nothing new is wrapped).
            int inSrc = out.repeated(src, op, name);
            boolean wrapMore = out.coversOwed(inSrc);
            ByteBuffer view = src.duplicate().position(src.position() + inSrc);
            if (!wrapMore) {
                view.limit(view.position());
            }
            try {
                flush(d);
                inSrc -= out.report(src, inSrc);
                do {
                    if (!view.hasRemaining()) {
                        break;
                    }
                    int before = view.position();
                    wrapInto(view);
                    inSrc += view.position() - before;
                    flush(d);
                    inSrc -= out.report(src, inSrc);
                    if (all && view.hasRemaining() && d.hasPassed()) {
                        throw d.timedOut(op + " on " + name);
                    }
                } while (all);
            } catch (SocketTimeoutException e) {
                inSrc -= out.report(src, inSrc);
                out.keepOwed(src, inSrc, wrapMore);
                if (!all && src.position() > start) {
                    return src.position() - start;
                }
                throw e;
            } catch (IOException e) {
                throw closed.get() && !(e instanceof SSLException) ? asyncClose(e) : e;
            }
            out.keepOwed(src, inSrc, wrapMore);
            if (flushWanted) {
                flushPending(d);
            }
            return src.position() - start;
        } finally {
            unlockWrite();
        }
    }

    private static AsynchronousCloseException asyncClose(IOException e) {
        if (e instanceof AsynchronousCloseException a) {
            return a;
        }
        AsynchronousCloseException a = new AsynchronousCloseException();
        a.initCause(e);
        return a;
    }

    /** Wraps as many records from {@code src} as fit {@code out} (at least the engine's pending output). */
    private void wrapInto(ByteBuffer src) throws IOException {
        while (true) {
            SSLEngineResult r = out.wrap(engine, src);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    return; // out is full: flushed, then wrapped again by the caller
                }
                case CLOSED -> {
                    if (r.bytesProduced() == 0 && handshakeDone && !outboundShut && src != EMPTY) {
                        throw new SocketException(name + ": the TLS connection is closed for sending"
                                + (inboundDone ? " (the peer sent close_notify)" : ""));
                    }
                    return; // our close_notify, or nothing more to send
                }
                default -> {
                    // OK
                }
            }
            HandshakeStatus hs = r.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                EngineHandshake.runTasks(engine);
                hs = engine.getHandshakeStatus();
            }
            if (handshakeDone && hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED
                    && !"TLSv1.3".equals(engine.getSession().getProtocol()) && !engine.isOutboundDone()) {
                refuseRenegotiation();
            }
            if (!handshakeDone || src == EMPTY || !src.hasRemaining() || !out.roomForRecord(engine)) {
                return;
            }
        }
    }

    private void flush(Deadline d) throws IOException {
        out.flush(net, d, name);
    }

    /** Sends what the engine wants to send on its own (a KeyUpdate or close_notify answer). Holds writeLock. */
    private void flushPending(Deadline d) throws IOException {
        if (out.owes()) {
            return; // records of a timed-out send go first, with the send that repeats them
        }
        flushWanted = false;
        flush(d);
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP || engine.isInboundDone() && !engine.isOutboundDone()
                && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
            wrapInto(EMPTY);
            flush(d);
        }
    }

    private void unlockWrite() {
        writeLock.unlock();
        // A reader may have left engine output behind while we held the lock.
        if (flushWanted && !closed.get() && writeLock.tryLock()) {
            try {
                flushPending(Deadline.after(Duration.ZERO));
            } catch (IOException | RuntimeException ignored) {
                // what is not sent stays in out.buf and goes first with the next send
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void sendNow() throws IOException {
        out.sendNow(net);
    }

    // ------------------------------------------------------------------ ending

    @Override
    public void shutdown(Shutdown how) throws IOException {
        Deadline d = Deadline.of(timeout());
        if (how != Shutdown.READ) {
            lock(writeLock, d, "shutdown");
            try {
                checkOpen("shutdown");
                if (!outboundShut) {
                    outboundShut = true;
                    flush(d);
                    if (handshake.started()) {
                        engine.closeOutbound();
                        wrapInto(EMPTY);
                        flush(d);
                    }
                    net.shutdown(Shutdown.WRITE);
                }
            } finally {
                writeLock.unlock();
            }
        }
        if (how != Shutdown.WRITE) {
            readShut = true;
            net.shutdown(Shutdown.READ);
        }
    }

    @Override
    public Endpoint unwrap() throws IOException {
        Deadline d = Deadline.of(timeout());
        ensureHandshake(d, "unwrap");
        lock(readLock, d, "unwrap");
        try {
            lock(writeLock, d, "unwrap");
            try {
                checkOpen("unwrap");
                if (in.hasApplicationData()) {
                    throw new SSLProtocolException(name + ": unwrap with " + in.applicationData()
                            + " bytes of application data not yet read");
                }
                flush(d);
                outboundShut = true;
                engine.closeOutbound();
                wrapInto(EMPTY);
                flush(d);
                while (!engine.isInboundDone()) {
                    SSLEngineResult r = in.pending() > 0 ? in.unwrap(null) : null;
                    if (in.hasApplicationData()) {
                        throw new SSLProtocolException(name + ": the peer sent " + in.applicationData()
                                + " bytes of application data instead of close_notify during unwrap");
                    }
                    if (r == null || r.getStatus() == Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                        if (in.fill(net, d) == 0) {
                            throw truncation();
                        }
                    }
                }
                ByteBuffer leftover = in.takeRest();
                unwrapped = true;
                closed.set(true);
                return leftover.hasRemaining() ? new UnwrappedEndpoint(net, leftover) : net;
            } finally {
                writeLock.unlock();
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && net.isOpen();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (handshakeDone && !outboundShut && writeLock.tryLock()) {
                try {
                    sendNow();
                    if (!out.buf.hasRemaining()) {
                        outboundShut = true;
                        engine.closeOutbound();
                        wrapInto(EMPTY);
                        sendNow();
                    }
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // close never throws; a close_notify that cannot go at once is not sent
        } finally {
            net.close();
        }
    }

    // ------------------------------------------------------------------ the rest

    @Override
    public SSLSession session() throws IOException {
        handshake();
        return engine.getSession();
    }

    @Override
    public Optional<String> applicationProtocol() throws IOException {
        handshake();
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    @Override
    public Endpoint bind(Address local) throws IOException {
        checkOpen("bind");
        throw new EndpointStateException("bind: " + name + " is connected");
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
        checkOpen("listen");
        throw new EndpointStateException("listen: " + name + " is connected");
    }

    @Override
    public Endpoint accept() throws IOException {
        checkOpen("accept");
        throw new EndpointStateException("accept: " + name + " is connected, not listening");
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        checkOpen("connect");
        throw new EndpointStateException("connect: " + name + " is already connected");
    }

    private void checkOpen(String op) throws IOException {
        if (closed.get()) {
            throw unwrapped ? new EndpointClosedException(op + " on " + name + ": TLS was unwrapped; use the endpoint unwrap() returned")
                    : new EndpointClosedException(op + " on closed " + name);
        }
        if (failure instanceof TlsRenegotiationException r) {
            throw new SSLProtocolException(op + " on " + name + ": " + r.getMessage());
        }
    }

    private void lock(ReentrantLock lock, Deadline d, String op) throws IOException {
        boolean wasClosed = closed.get();
        try {
            if (!d.isBounded()) {
                lock.lockInterruptibly();
            } else if (!lock.tryLock(d.remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw d.timedOut(op + " on " + name + " (waiting for another thread's " + op + ")");
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw EndpointSupport.withContext(new ClosedByInterruptException(), op + " on " + name);
        }
        if (closed.get() && !wasClosed) {
            lock.unlock();
            throw EndpointSupport.withContext(new AsynchronousCloseException(), op + " on " + name);
        }
    }

    @Override
    public String toString() {
        return name + (handshakeDone ? " " + engine.getSession().getProtocol() : " (handshake pending)");
    }
}
