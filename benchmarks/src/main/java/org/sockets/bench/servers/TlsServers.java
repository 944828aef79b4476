package org.sockets.bench.servers;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Options;
import org.sockets.bench.Patterns;
import org.sockets.bench.TlsConn;
import org.sockets.bench.TlsSetup;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsListener;

/**
 * The TLS benchmark servers, JDK ({@code jdk}: an {@link SSLServerSocket}) and ours
 * ({@code sockets}: {@link Tls#listen} over a sockets-tcp listener): one sequential accept loop on
 * the main (platform) thread and one per-connection loop over {@link TlsConn}, shared by both, so
 * only the TLS underneath differs. A third, {@code engine}, is a reference rather than a baseline:
 * a JDK {@code SSLEngine} over a JDK channel driven as the JDK's guide does ({@code EngineConn}),
 * so the page can tell what comes with any engine server from what is ours. Same context settings
 * ({@link TlsSetup}), TCP_NODELAY on every accepted connection, 64 KiB heap arrays, no timeout. A connection that fails is dropped and the
 * loop goes on (a client may close mid-stream at the end of a trial).
 */
public final class TlsServers {

    private TlsServers() {
    }

    /** Accepts the next connection, TCP_NODELAY set. */
    private interface Acceptor {
        TlsConn accept() throws IOException;
    }

    /**
     * Runs one server until killed.
     *
     * @param impl    {@code jdk}, {@code sockets} or {@code engine}
     * @param pattern {@code tls-bulk}, {@code tls-pingpong} or {@code tls-handshake}
     * @param pkcs12  the server's key store
     * @param port    called with the listening port
     * @throws IOException if it cannot listen
     */
    public static void run(String impl, String pattern, Path pkcs12, java.util.function.IntConsumer port) throws IOException {
        TlsSetup setup = TlsSetup.load(pkcs12, null);
        Acceptor acceptor;
        switch (impl) {
            case "jdk" -> {
                SSLServerSocket ss = TlsSetup.jdkServerSocket(setup.serverContext());
                port.accept(ss.getLocalPort());
                acceptor = () -> {
                    SSLSocket s = (SSLSocket) ss.accept();
                    s.setTcpNoDelay(true);
                    return TlsConn.of(s);
                };
            }
            case "sockets" -> {
                Endpoint listening = SocketsServers.listen("127.0.0.1");
                TlsListener listener = Tls.listen(listening, TlsSetup.options(setup.serverContext(), false));
                port.accept(((Address.Ip) listener.localAddress()).port());
                acceptor = () -> {
                    TlsEndpoint e = listener.accept();
                    e.option(Options.TCP_NODELAY, true);
                    return TlsConn.of(e);
                };
            }
            case "engine" -> {
                // The reference (not a baseline): a JDK SSLEngine over a JDK channel, nothing of ours.
                ServerSocketChannel ssc = ServerSocketChannel.open();
                ssc.bind(new InetSocketAddress("127.0.0.1", 0), Patterns.BACKLOG);
                port.accept(((InetSocketAddress) ssc.getLocalAddress()).getPort());
                SSLContext context = setup.serverContext();
                acceptor = () -> {
                    SocketChannel ch = ssc.accept();
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    return TlsConn.of(ch, TlsSetup.jdkServerEngine(context));
                };
            }
            default -> throw new IllegalArgumentException("TLS server is jdk, sockets or engine, not " + impl);
        }
        byte[] chunk = new byte[Patterns.BULK_CHUNK];
        while (true) {
            try (TlsConn c = acceptor.accept()) {
                switch (pattern) {
                    case "tls-bulk" -> bulk(c, chunk);
                    case "tls-pingpong" -> pingPong(c, new byte[Patterns.PING_SIZE]);
                    case "tls-handshake" -> handshake(c, chunk);
                    default -> throw new IllegalArgumentException("unknown pattern " + pattern);
                }
            } catch (IOException e) {
                System.err.println("connection dropped: " + e);
            }
        }
    }

    /**
     * For each one-byte request: {@link Patterns#TLS_SEND}: send {@link Patterns#TLS_BULK_BYTES}
     * in 64 KiB writes; {@link Patterns#TLS_RECEIVE}: receive as many in 64 KiB reads, answer one byte.
     */
    private static void bulk(TlsConn c, byte[] chunk) throws IOException {
        byte[] request = new byte[1];
        while (c.read(request, 0, 1) > 0) {
            if (request[0] == Patterns.TLS_SEND) {
                for (long sent = 0; sent < Patterns.TLS_BULK_BYTES; sent += chunk.length) {
                    c.write(chunk, 0, chunk.length);
                }
            } else {
                long received = 0;
                while (received < Patterns.TLS_BULK_BYTES) {
                    int n = c.read(chunk, 0, chunk.length);
                    if (n < 0) {
                        throw new EOFException("client closed after " + received + " bytes");
                    }
                    received += n;
                }
                c.write(request, 0, 1);
            }
        }
    }

    /** Echo: reads a 64-byte message fully, writes it back, until the client closes. */
    private static void pingPong(TlsConn c, byte[] buf) throws IOException {
        while (true) {
            int got = 0;
            while (got < buf.length) {
                int n = c.read(buf, got, buf.length - got);
                if (n < 0) {
                    return;
                }
                got += n;
            }
            c.write(buf, 0, buf.length);
        }
    }

    /**
     * A handshake's server side: the first write runs the handshake (ours lazily, the JDK's
     * socket too), then one byte tells the client it is done; the client closes, the server reads
     * to the end and closes.
     */
    private static void handshake(TlsConn c, byte[] buf) throws IOException {
        buf[0] = 1;
        c.write(buf, 0, 1);
        while (c.read(buf, 0, buf.length) >= 0) {
            // nothing more is expected before the client's close_notify
        }
    }
}
