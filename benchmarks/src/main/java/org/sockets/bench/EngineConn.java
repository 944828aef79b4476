package org.sockets.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * The TLS benchmarks' reference {@code engine}: an {@link SSLEngine} driven over a blocking JDK
 * {@link SocketChannel} the way the JDK's own guide does it, with nothing of ours: one
 * {@code write} per wrapped record, delegated tasks run in the calling thread, buffers sized by
 * the session. It is not a baseline (the floor compares with {@code SSLSocket}); it is there to
 * tell what any server on {@code SSLEngine} gets from the JDK from what sockets-tls adds or loses
 * on top of it. In the handshake rows it shows what the engine's structure costs (the delegated
 * task that consumes the ClientHello makes the whole server flight, signature included, before the
 * first {@code wrap}, so no engine server sends its ServerHello while it signs, as
 * {@code SSLServerSocket} does); in the run at c3f3fa5 it also showed that our one-send flight cost
 * more than that (docs/decisions/2026-12-07-bench-tls-engine-reference.md,
 * docs/decisions/2026-12-07-tls-serverhello-first.md). Its {@code runTasks} repeats sockets-tls's
 * on purpose: the reference uses nothing of ours.
 */
final class EngineConn implements TlsConn {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;   // write mode: what the channel gave, not yet unwrapped
    private final ByteBuffer netOut;  // one wrapped record at a time
    private final ByteBuffer appIn;   // read mode: what was unwrapped, not yet read
    private boolean handshaken;
    private boolean inboundDone;

    EngineConn(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        handshake();
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        while (src.hasRemaining()) {
            SSLEngineResult r = wrap(src);
            if (r.getStatus() != Status.OK) {
                throw new SSLException("wrap: " + r.getStatus());
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        handshake();
        while (!appIn.hasRemaining()) {
            if (inboundDone) {
                return -1;
            }
            SSLEngineResult r = unwrap();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (channel.read(netIn) < 0) {
                        throw new EOFException("the peer closed the connection without close_notify");
                    }
                }
                case CLOSED -> inboundDone = true;
                case BUFFER_OVERFLOW -> throw new SSLException("unwrap: a record larger than the session's buffer");
                case OK -> afterHandshakeMessage();
            }
        }
        int n = Math.min(len, appIn.remaining());
        appIn.get(b, off, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                wrap(EMPTY);
            }
        } catch (IOException ignored) {
            // the peer may be gone; closing the channel is what matters
        } finally {
            channel.close();
        }
    }

    /** The initial handshake, on the first read or write. */
    private void handshake() throws IOException {
        if (handshaken) {
            return;
        }
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (wrap(EMPTY).getStatus() == Status.CLOSED) {
                        throw new SSLException("the engine closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrap();
                    if (r.getStatus() == Status.CLOSED) {
                        throw new SSLException("the peer closed during the handshake");
                    }
                    if (r.getStatus() == Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                        throw new EOFException("the peer closed the connection during the handshake");
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    handshaken = true;
                    return;
                }
            }
        }
    }

    /** After an unwrap past the handshake: a post-handshake message may want a task or an answer. */
    private void afterHandshakeMessage() throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
            } else {
                return;
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps one record from {@code src} and writes it whole. */
    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(src, netOut);
        netOut.flip();
        while (netOut.hasRemaining()) {
            channel.write(netOut);
        }
        return r;
    }

    /** Unwraps what {@code netIn} holds into {@code appIn}, keeping both buffers' modes. */
    private SSLEngineResult unwrap() throws SSLException {
        netIn.flip();
        appIn.compact();
        try {
            return engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
            netIn.compact();
        }
    }
}
