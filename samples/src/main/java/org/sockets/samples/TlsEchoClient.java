package org.sockets.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsOptions;

/**
 * A TLS echo client: sends one message over TLS (TCP or a Unix socket), prints the echo, and ends
 * TLS with {@code close_notify}.
 *
 * <pre>bin/sample tls-echo-client [--ca ca.pem] [--peer-host localhost] [--host 127.0.0.1] [--port 9443 | --unix PATH] [--message hello]</pre>
 * {@code --ca} trusts that certificate authority instead of the JDK's; {@code --peer-host} is the
 * name the server's certificate must carry (also sent as SNI), by default {@code --host}, or
 * {@code localhost} over a Unix socket.
 */
public final class TlsEchoClient {

    private TlsEchoClient() {
    }

    /**
     * Runs the client.
     *
     * @param args see the class description
     * @throws IOException if the connection or handshake fails
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, "tls-echo-client [--ca ca.pem] [--peer-host NAME] [--host 127.0.0.1] [--port 9443 | --unix PATH] [--message hello]");
        String unix = a.get("unix", null);
        String host = a.get("host", "127.0.0.1");
        Address at = unix != null ? Address.unix(unix) : Address.of(host, a.getInt("port", 9443));
        TlsOptions options = TlsOptions.defaults().withPeerHost(a.get("peer-host", unix != null ? "localhost" : host));
        if (a.get("ca", null) != null) {
            options = options.withTrustedCertificates(Path.of(a.get("ca", null)));
        }
        Result r = echo(at, options, a.get("message", "hello"), Duration.ofSeconds(10));
        System.out.println("Received " + r.reply() + " over " + r.protocol());
    }

    /**
     * What came back and over which protocol version.
     *
     * @param reply    the echo
     * @param protocol e.g. {@code TLSv1.3}
     */
    public record Result(String reply, String protocol) {
    }

    /**
     * Connects, sends the message, reads the same number of bytes back, ends TLS.
     *
     * @param server  where the server listens
     * @param options TLS options with the peer host
     * @param message what to send
     * @param timeout bounds the connect, the handshake and each read
     * @return the echo
     * @throws IOException if anything fails, including an echo cut short
     */
    public static Result echo(Address server, TlsOptions options, String message, Duration timeout) throws IOException {
        Endpoint plain = Sockets.connect(server);
        plain.timeout(timeout);
        try (TlsEndpoint tls = Tls.client(plain, options)) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            tls.sendAll(bytes);
            ByteBuffer back = ByteBuffer.allocate(bytes.length);
            while (back.hasRemaining()) {
                if (tls.recv(back) == 0) {
                    throw new java.io.EOFException("the server ended TLS after " + back.position() + " of " + bytes.length + " bytes");
                }
            }
            String protocol = tls.session().getProtocol();
            // End TLS cleanly: our close_notify, then the server's answer ends the stream.
            tls.shutdown(org.sockets.api.Shutdown.WRITE);
            ByteBuffer rest = ByteBuffer.allocate(1);
            if (tls.recv(rest) != 0) {
                throw new IOException("the server sent more than the echo");
            }
            return new Result(new String(back.array(), StandardCharsets.UTF_8), protocol);
        }
    }
}
