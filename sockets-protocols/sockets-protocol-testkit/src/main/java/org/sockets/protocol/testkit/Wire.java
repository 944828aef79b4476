package org.sockets.protocol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The kit's side of one connection: plain bytes over a blocking {@link SocketChannel}, or TLS over
 * it with the JDK's {@link SSLEngine} once {@link #startTls} ran. Reads wait at most the kit's
 * own read timeout, so a script never hangs a test.
 */
final class Wire {

    private final SocketChannel channel;
    private final InputStream in;
    /** Plain bytes read but not yet consumed (read mode). */
    private ByteBuffer plain = ByteBuffer.allocate(16 * 1024).flip();
    private SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean eof;

    Wire(SocketChannel channel, Duration readTimeout) throws IOException {
        this.channel = channel;
        channel.socket().setSoTimeout((int) readTimeout.toMillis());
        // The socket adaptor's stream honours SO_TIMEOUT on a blocking channel.
        this.in = channel.socket().getInputStream();
    }

    SocketChannel channel() {
        return channel;
    }

    boolean isTls() {
        return engine != null;
    }

    /** Reads some bytes into dst (at least one), or returns -1 at end of stream. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (engine == null) {
            if (!plain.hasRemaining()) {
                plain.clear();
                int n = in.read(plain.array(), 0, plain.capacity());
                plain.limit(Math.max(n, 0));
                if (n < 0) {
                    return -1;
                }
            }
            int n = Math.min(len, plain.remaining());
            plain.get(dst, off, n);
            return n;
        }
        while (!appIn.hasRemaining()) {
            if (eof) {
                return -1;
            }
            unwrapSome();
        }
        int n = Math.min(len, appIn.remaining());
        appIn.get(dst, off, n);
        return n;
    }

    void write(byte[] src, int off, int len) throws IOException {
        if (engine == null) {
            writeFully(ByteBuffer.wrap(src, off, len));
            return;
        }
        ByteBuffer app = ByteBuffer.wrap(src, off, len);
        do {
            netOut.clear();
            SSLEngineResult r = engine.wrap(app, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("kit TLS wrap: " + r.getStatus());
            }
            netOut.flip();
            writeFully(netOut);
        } while (app.hasRemaining());
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /**
     * Starts TLS as a server: bytes the kit read in clear but did not consume go to the engine
     * first, as a real server's would.
     */
    void startTls(SSLContext context) throws IOException {
        engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(Math.max(packet, plain.remaining()) * 2);
        netIn.put(plain);
        netIn.flip();
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2).flip();
        netOut = ByteBuffer.allocate(packet * 2);
        engine.beginHandshake();
        handshake();
    }

    private void handshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
                    netOut.flip();
                    writeFully(netOut);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("kit TLS closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrapSome() < 0) {
                        throw new SSLException("client closed during the kit's TLS handshake");
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** Unwraps one record (reading more as needed); -1 at end of stream. */
    private int unwrapSome() throws IOException {
        while (true) {
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    return r.bytesProduced();
                }
                case CLOSED -> {
                    eof = true;
                    return -1;
                }
                case BUFFER_OVERFLOW -> throw new SSLException("kit TLS application buffer too small");
                case BUFFER_UNDERFLOW -> {
                    netIn.compact();
                    int n;
                    try {
                        n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                        if (n > 0) {
                            netIn.position(netIn.position() + n);
                        }
                    } finally {
                        netIn.flip();
                    }
                    if (n < 0) {
                        eof = true;
                        return -1;
                    }
                }
            }
        }
    }

    /** Makes a read timeout a plain message for the script's failure. */
    static String describe(IOException e) {
        return e instanceof SocketTimeoutException ? "the client sent nothing within the kit's read timeout" : e.toString();
    }
}
