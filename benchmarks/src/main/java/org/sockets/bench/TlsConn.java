package org.sockets.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.sockets.tls.TlsEndpoint;

/**
 * One TLS connection seen as byte arrays, so that every Java client and server of the TLS
 * benchmarks runs one and the same loop whichever TLS it sits on: the JDK's {@link SSLSocket}
 * (its streams) or our {@link TlsEndpoint} (heap buffers wrapping the same arrays).
 */
public interface TlsConn extends Closeable {

    /**
     * Writes all of {@code b[off, off+len)}.
     *
     * @param b   the bytes
     * @param off where they start
     * @param len how many
     * @throws IOException on an I/O error
     */
    void write(byte[] b, int off, int len) throws IOException;

    /**
     * Reads at least one byte.
     *
     * @param b   the destination
     * @param off where to put them
     * @param len at most this many
     * @return the count, or -1 at the end of the stream
     * @throws IOException on an I/O error
     */
    int read(byte[] b, int off, int len) throws IOException;

    /**
     * The JDK's socket, through its streams.
     *
     * @param s a connected socket
     * @return the connection
     * @throws IOException if its streams cannot be had
     */
    static TlsConn of(SSLSocket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        return new TlsConn() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }

    /**
     * The reference: a JDK {@link SSLEngine} over a blocking JDK channel, driven as
     * the JDK's guide drives one ({@link EngineConn}); handshakes on the first read or write.
     *
     * @param channel a connected, blocking channel
     * @param engine  the engine, its mode and parameters set
     * @return the connection
     */
    static TlsConn of(SocketChannel channel, SSLEngine engine) {
        return new EngineConn(channel, engine);
    }

    /**
     * Our endpoint: a heap buffer wrapping the caller's array, kept while the array is the same
     * (no allocation per call, as the JDK's streams).
     *
     * @param tls the endpoint
     * @return the connection
     */
    static TlsConn of(TlsEndpoint tls) {
        return new TlsConn() {
            private byte[] array;
            private ByteBuffer view;

            private ByteBuffer view(byte[] b, int off, int len) {
                if (b != array) {
                    array = b;
                    view = ByteBuffer.wrap(b);
                }
                return view.limit(off + len).position(off);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                tls.sendAll(view(b, off, len));
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = tls.recv(view(b, off, len));
                return n == 0 ? -1 : n; // recv returns 0 only at the end of the stream
            }

            @Override
            public void close() {
                tls.close();
            }
        };
    }
}
