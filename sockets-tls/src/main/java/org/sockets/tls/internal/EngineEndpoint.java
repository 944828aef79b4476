package org.sockets.tls.internal;

import java.io.IOException;
import java.net.SocketException;
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
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Shutdown;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsRenegotiationException;
import org.sockets.tls.TlsTruncationException;

/**
 * A TLS endpoint on an {@link SSLEngine} over another stream endpoint.
 *
 * <p>Locking (see docs/decisions/2026-12-06-tls-locking.md): {@code readLock} is held by the one
 * receiving thread and guards {@code netIn}/{@code appIn}; {@code writeLock} by the one sending
 * thread and guards {@code netOut}. The handshake and {@code unwrap()} take both, read first.
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

    /** Received TLS bytes not yet unwrapped; fill mode. Reader's. */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet delivered; drain mode. Reader's. */
    private ByteBuffer appIn;
    /** Encrypted bytes not yet sent; drain mode. Writer's. */
    private ByteBuffer netOut;

    private volatile boolean handshakeDone;
    private volatile boolean handshakeStarted;
    private volatile IOException failure;
    private volatile boolean inboundDone;
    private volatile boolean truncated;
    private volatile boolean readShut;
    private volatile boolean outboundShut;
    private volatile boolean unwrapped;
    /** The engine has output (KeyUpdate or close_notify answer) a reader could not send. */
    private volatile boolean flushWanted;

    EngineEndpoint(Endpoint net, SSLEngine engine, SSLContext context) {
        super(net);
        this.engine = engine;
        this.context = context;
        this.name = "TLS " + (engine.getUseClientMode() ? "client" : "server") + " over " + describe(net);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        // Room for four full records: a 64 KiB write leaves in one transport call.
        this.netOut = ByteBuffer.allocate(4 * packet).flip();
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
                    runHandshake(d);
                }
            } finally {
                writeLock.unlock();
            }
        } finally {
            readLock.unlock();
        }
    }

    private void runHandshake(Deadline d) throws IOException {
        if (failure != null) {
            throw new SSLException(name + ": the handshake failed earlier: " + failure.getMessage(), failure);
        }
        try {
            if (!handshakeStarted) {
                engine.beginHandshake();
                handshakeStarted = true;
            }
            flush(d);
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> {
                        wrapInto(EMPTY);
                        flush(d);
                        if (engine.isOutboundDone()) {
                            throw new SSLHandshakeException(name + ": the engine closed during the handshake");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult r = unwrapOnce(null);
                        if (r.getStatus() == Status.CLOSED) {
                            throw new SSLHandshakeException(name + ": the peer closed TLS during the handshake");
                        }
                        if (r.getStatus() == Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                            if (fill(d) == 0) {
                                throw new SSLHandshakeException(name + ": the peer closed the connection during the TLS handshake");
                            }
                        }
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        handshakeDone = true;
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

    private void runTasks() {
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
            wrapInto(EMPTY);
            net.send(netOut, Deadline.after(Duration.ZERO));
        } catch (IOException | RuntimeException ignored) {
            // best effort: the failure being reported matters, not the alert
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
            return read(dst, d);
        } finally {
            readLock.unlock();
        }
    }

    private int read(ByteBuffer dst, Deadline d) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                return take(dst);
            }
            if (inboundDone || readShut) {
                return 0;
            }
            if (truncated) {
                throw truncation();
            }
            if (netIn.position() > 0) {
                int before = dst.position();
                SSLEngineResult r = unwrapOnce(dst);
                afterUnwrap(r, d);
                int direct = dst.position() - before;
                if (r.getStatus() == Status.CLOSED) {
                    inboundDone = true;
                    if (direct > 0 || appIn.hasRemaining()) {
                        return direct > 0 ? direct : take(dst);
                    }
                    return 0;
                }
                if (direct > 0) {
                    return direct;
                }
                if (r.getStatus() == Status.OK && (r.bytesConsumed() > 0 || r.bytesProduced() > 0)) {
                    continue; // a ticket, a KeyUpdate, or data that went to appIn
                }
            }
            if (fill(d) == 0) {
                truncated = true;
                throw truncation();
            }
        }
    }

    private TlsTruncationException truncation() {
        return new TlsTruncationException(name + ": the transport ended without close_notify"
                + (netIn.position() > 0 ? " (" + netIn.position() + " bytes of an incomplete record)" : "")
                + "; what was received may be cut short");
    }

    private int take(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        dst.put(appIn.slice(appIn.position(), n));
        appIn.position(appIn.position() + n);
        return n;
    }

    /** One engine unwrap of what {@code netIn} holds: into {@code dst} first when given, then {@code appIn}. */
    private SSLEngineResult unwrapOnce(ByteBuffer dst) throws SSLException {
        while (true) {
            appIn.compact();
            netIn.flip();
            SSLEngineResult r;
            try {
                r = dst == null ? engine.unwrap(netIn, appIn) : engine.unwrap(netIn, new ByteBuffer[] {dst, appIn});
            } finally {
                netIn.compact();
                appIn.flip();
            }
            if (r.getStatus() != Status.BUFFER_OVERFLOW) {
                return r;
            }
            // appIn holds a previous record's bytes or is too small for this one
            int need = engine.getSession().getApplicationBufferSize();
            ByteBuffer bigger = ByteBuffer.allocate(appIn.remaining() + need);
            bigger.put(appIn).flip();
            appIn = bigger;
        }
    }

    private void afterUnwrap(SSLEngineResult r, Deadline d) throws IOException {
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            runTasks();
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

    /** Reads more TLS bytes into {@code netIn}; 0 at the transport's end of stream. */
    private int fill(Deadline d) throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        return net.recv(netIn, d);
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
            flush(d);
            do {
                if (!src.hasRemaining()) {
                    break;
                }
                wrapInto(src);
                flush(d);
            } while (all);
            if (flushWanted) {
                flushPending(d);
            }
            return src.position() - start;
        } finally {
            unlockWrite();
        }
    }

    /** Wraps as many records from {@code src} as fit {@code netOut} (at least the engine's pending output). */
    private void wrapInto(ByteBuffer src) throws IOException {
        netOut.compact();
        try {
            int packet = engine.getSession().getPacketBufferSize();
            while (true) {
                SSLEngineResult r = engine.wrap(src, netOut);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> {
                        if (netOut.position() > 0) {
                            return;
                        }
                        netOut = ByteBuffer.allocate(netOut.capacity() + packet);
                        continue;
                    }
                    case CLOSED -> {
                        if (r.bytesProduced() > 0) {
                            return; // our close_notify
                        }
                        if (handshakeDone && !outboundShut && src != EMPTY) {
                            throw new SocketException(name + ": the TLS connection is closed for sending"
                                    + (inboundDone ? " (the peer sent close_notify)" : ""));
                        }
                        return;
                    }
                    default -> {
                        // OK
                    }
                }
                HandshakeStatus hs = r.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runTasks();
                    hs = engine.getHandshakeStatus();
                }
                if (handshakeDone && hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED
                        && !"TLSv1.3".equals(engine.getSession().getProtocol()) && !engine.isOutboundDone()) {
                    refuseRenegotiation();
                }
                if (!handshakeDone || src == EMPTY || !src.hasRemaining() || netOut.remaining() < packet) {
                    return;
                }
            }
        } finally {
            netOut.flip();
        }
    }

    private void flush(Deadline d) throws IOException {
        if (netOut.hasRemaining()) {
            net.sendAll(netOut, d);
        }
    }

    /** Sends what the engine wants to send on its own (a KeyUpdate or close_notify answer). Holds writeLock. */
    private void flushPending(Deadline d) throws IOException {
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
                // what is not sent stays in netOut and goes first with the next send
            } finally {
                writeLock.unlock();
            }
        }
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
                    if (handshakeStarted) {
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
                if (appIn.hasRemaining()) {
                    throw new SSLProtocolException(name + ": unwrap with " + appIn.remaining()
                            + " bytes of application data not yet read");
                }
                flush(d);
                outboundShut = true;
                engine.closeOutbound();
                wrapInto(EMPTY);
                flush(d);
                while (!engine.isInboundDone()) {
                    SSLEngineResult r = netIn.position() > 0 ? unwrapOnce(null) : null;
                    if (appIn.hasRemaining()) {
                        throw new SSLProtocolException(name + ": the peer sent " + appIn.remaining()
                                + " bytes of application data instead of close_notify during unwrap");
                    }
                    if (r == null || r.getStatus() == Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                        if (fill(d) == 0) {
                            throw truncation();
                        }
                    }
                }
                netIn.flip();
                ByteBuffer leftover = ByteBuffer.allocate(netIn.remaining()).put(netIn).flip();
                netIn.clear();
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
                    Deadline now = Deadline.after(Duration.ZERO);
                    if (netOut.hasRemaining()) {
                        net.send(netOut, now);
                    }
                    if (!netOut.hasRemaining()) {
                        outboundShut = true;
                        engine.closeOutbound();
                        wrapInto(EMPTY);
                        net.send(netOut, now);
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
    public Endpoint bind(Address local) {
        throw new EndpointStateException("bind: " + name + " is connected");
    }

    @Override
    public Endpoint listen(int backlog) {
        throw new EndpointStateException("listen: " + name + " is connected");
    }

    @Override
    public Endpoint accept() {
        throw new EndpointStateException("accept: " + name + " is connected, not listening");
    }

    @Override
    public Endpoint connect(Address remote) {
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
            throw new ClosedByInterruptException();
        }
        if (closed.get() && !wasClosed) {
            lock.unlock();
            throw new AsynchronousCloseException();
        }
    }

    @Override
    public String toString() {
        return name + (handshakeDone ? " " + engine.getSession().getProtocol() : " (handshake pending)");
    }
}
