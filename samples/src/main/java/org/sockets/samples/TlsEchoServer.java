package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsListener;
import org.sockets.tls.TlsOptions;

/**
 * A TLS echo server over TCP or a Unix socket: every client gets back what it sends, in its own
 * virtual thread, until it ends TLS with {@code close_notify}.
 *
 * <pre>bin/sample tls-echo-server --cert chain.pem --key key.pem [--host 127.0.0.1] [--port 9443 | --unix PATH] [--count N]</pre>
 * The certificate chain and its PKCS#8 key are PEM files (for a quick one:
 * {@code openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost
 * -addext subjectAltName=DNS:localhost -keyout key.pem -out chain.pem}). {@code --count} stops
 * after N clients.
 */
public final class TlsEchoServer {

    private TlsEchoServer() {
    }

    /**
     * Runs the server.
     *
     * @param args see the class description
     * @throws IOException if the server cannot start
     */
    public static void main(String[] args) throws IOException {
        String usage = "tls-echo-server --cert chain.pem --key key.pem [--host 127.0.0.1] [--port 9443 | --unix PATH] [--count N]";
        Args a = new Args(args, usage);
        String cert = a.get("cert", null);
        String key = a.get("key", null);
        if (cert == null || key == null) {
            throw new IllegalArgumentException("--cert and --key are required; usage: " + usage);
        }
        TlsOptions options = TlsOptions.defaults().withServerCertificate(Path.of(cert), Path.of(key));
        String unix = a.get("unix", null);
        Address at = unix != null ? Address.unix(unix) : Address.of(a.get("host", "127.0.0.1"), a.getInt("port", 9443));
        try (TlsListener listener = Tls.listen(Sockets.listen(at), options)) {
            serve(listener, a.getInt("count", -1), System.out);
        }
    }

    /**
     * Accepts clients and echoes each in a virtual thread; accepting never waits for a handshake.
     *
     * @param listener the TLS listener
     * @param count    how many clients to serve; negative for no limit
     * @param out      where to print
     * @throws IOException if accepting fails
     */
    public static void serve(TlsListener listener, int count, PrintStream out) throws IOException {
        out.println("Listening on " + listener.localAddress() + " (TLS)");
        out.flush();
        Thread[] served = new Thread[Math.max(count, 0)];
        for (int i = 0; count < 0 || i < count; i++) {
            TlsEndpoint conn = listener.accept();
            Thread t = Thread.ofVirtual().start(() -> echo(conn, out));
            if (count > 0) {
                served[i] = t;
            }
        }
        for (Thread t : served) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void echo(TlsEndpoint conn, PrintStream out) {
        try (conn) {
            ByteBuffer buf = ByteBuffer.allocate(16_384);
            long total = 0;
            while (true) {
                buf.clear();
                int n = conn.recv(buf);
                if (n == 0) {
                    break;
                }
                total += n;
                buf.flip();
                conn.sendAll(buf);
            }
            Endpoint peer = conn;
            out.println("Echoed " + total + " bytes over " + conn.session().getProtocol() + " to " + describe(peer));
            out.flush();
            conn.shutdown(org.sockets.api.Shutdown.WRITE); // our close_notify answers theirs
        } catch (IOException e) {
            out.println("Client failed: " + e);
            out.flush();
        }
    }

    private static String describe(Endpoint e) {
        try {
            return String.valueOf(e.peerAddress());
        } catch (IOException | RuntimeException x) {
            return "a " + e.family() + " peer";
        }
    }
}
