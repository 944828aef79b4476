package org.sockets.http;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.HeaderBlock;
import org.sockets.protocol.HeaderField;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsOptions;
import org.sockets.tls.TlsUpgradeException;

/**
 * Connections through an {@link HttpProxy}: a plain connection to the proxy for {@code http://}
 * origins (the requests go in absolute form), a {@code CONNECT} tunnel with TLS to the origin for
 * {@code https://} ones (RFC 9110 §9.3.6).
 *
 * <p>The tunnel's rules: the target is {@code host:port} with an IPv6 literal bracketed; every
 * line is checked before the first is sent (no CR, LF or NUL, gh-146211); a 2xx answer has no
 * body whatever its headers say; bytes that came after that answer and before TLS are refused
 * exactly as bytes after a STARTTLS go-ahead are (they were sent in clear and would be read as
 * the origin's); TLS is verified against the origin's host, never the proxy's.
 */
final class Proxying {

    private Proxying() {
    }

    static Connection open(URI uri, String origin, ClientOptions options, HttpProxy proxy, HttpOptions http,
                           Consumer<Connection> release) throws IOException {
        Address address = Address.of(proxy.host(), proxy.port());
        Endpoint e = options.connector().connect(address, ConnectOptions.defaults().withTimeout(options.connectTimeout()));
        if (e == null) {
            throw new IllegalStateException("the connector returned null for " + address);
        }
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            // The caller's check (Sending) already refused any credential the opt-ins do not allow in clear;
            // the core checks again at the credential path with these options.
            ClientOptions o = proxy.plainTextCredentials() ? options.withPlainTextCredentials() : options;
            Channel channel = Channel.over(e);
            return new Connection(ProtocolConnection.over("http", proxy.host(), channel, o), channel, origin, release);
        }
        String host = bareHost(uri);
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        TlsEndpoint tls = tunnel(e, host, port, options, proxy, http);
        Channel channel = Channel.over(tls);
        return new Connection(ProtocolConnection.over("http", host, channel, options), channel, origin, release);
    }

    static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code host:port}, an IPv6 literal in brackets (RFC 9112 §3.2.3, RFC 3986 §3.2.2). */
    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The absolute-form target a proxy needs (RFC 9112 §3.2.2). */
    static String absoluteForm(URI uri) {
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + Wire.hostHeader(uri) + Wire.originForm(uri);
    }

    /**
     * Asks the proxy for a tunnel to {@code host:port} over {@code e} and starts TLS in it; closes
     * {@code e} on any failure.
     */
    static TlsEndpoint tunnel(Endpoint e, String host, int port, ClientOptions options, HttpProxy proxy, HttpOptions http)
            throws IOException {
        String authority = authority(host, port);
        Probe probe = new Probe(e);
        ClientOptions o = proxy.plainTextCredentials() ? options.withPlainTextCredentials() : options;
        ProtocolConnection pc = ProtocolConnection.over("http", proxy.host(), probe, o);
        ByteBuffer leftover = ByteBuffer.allocate(ProtocolConnection.BUFFER_SIZE);
        try {
            // Every line is made (and so checked) before the first byte goes.
            List<Command> lines = new ArrayList<>();
            lines.add(Command.line("CONNECT " + authority + " HTTP/1.1"));
            lines.add(Command.line("Host: " + authority));
            http.userAgent().ifPresent(ua -> lines.add(Command.line("User-Agent: " + ua)));
            for (HeaderField f : proxy.tunnelHeaders().fields()) {
                lines.add(Command.line(f.name() + ": " + f.value()));
            }
            BasicAuth.Line auth = proxy.credentials().map(c -> new BasicAuth.Line("Proxy-Authorization", c)).orElse(null);
            pc.beginOperation();
            for (Command line : lines) {
                pc.send(line);
            }
            if (auth != null) {
                auth.send(pc);
            }
            pc.sendBlankLine();
            answer(pc, authority, http);
            // A 2xx to CONNECT has no body (RFC 9110 §9.3.6): whatever is buffered now came in clear
            // after the proxy's go-ahead. Take it from the connection without reading the socket again.
            probe.stop();
            while (leftover.hasRemaining() && pc.read(leftover, Deadline.none()) > 0) {
                // drains only what the connection had buffered: the probe reports end of stream
            }
            leftover.flip();
            pc.endOperation();
        } catch (IOException | RuntimeException | Error failure) {
            pc.close();
            throw failure;
        }
        TlsOptions t = options.tls().peerHost() == null ? options.tls().withPeerHost(host) : options.tls();
        Deadline handshake = Deadline.after(options.connectTimeout());
        if (options.deadline().isPresent()) {
            handshake = handshake.earlier(Deadline.after(options.deadline().get()));
        }
        try {
            return Tls.startTls(e, leftover, t, handshake); // closes e on failure
        } catch (TlsUpgradeException injected) {
            throw new StartTlsException("proxy " + proxy.host() + ":" + proxy.port() + " sent " + injected.unconsumed()
                    + " bytes after its 2xx to CONNECT " + authority + ", before TLS; they came in clear and may be"
                    + " injected, so the connection was closed", injected);
        }
    }

    /** Reads the proxy's answer to CONNECT: 1xx skipped (bounded), 2xx returns, anything else throws. */
    private static void answer(ProtocolConnection pc, String authority, HttpOptions http) throws IOException {
        for (int informational = 0; ; informational++) {
            byte[] line = pc.readLine(pc.limits().replyLine(), pc.readDeadline(), "CONNECT status line");
            if (line == null) {
                throw pc.abandon(new TruncatedTransferException("proxy's answer to CONNECT " + authority, 0));
            }
            pc.logReceived(line);
            int status = status(pc, line);
            List<HeaderField> fields = HeaderBlock.read(pc, HeaderBlock.Folding.REFUSE);
            if (status >= 200 && status < 300) {
                return;
            }
            if (status >= 200 || status == 101) {
                String reason = line.length > 13 ? new String(line, 13, line.length - 13, StandardCharsets.ISO_8859_1) : "";
                // The caller closes the connection: a tunnel refused is never reused.
                throw new HttpStatusException("CONNECT", URI.create("https://" + authority), status, reason,
                        Headers.received(fields), new byte[0]);
            }
            if (informational >= http.maxInformational()) {
                throw pc.abandon(new LimitExceededException("informational (1xx) answers to CONNECT", http.maxInformational()));
            }
        }
    }

    private static int status(ProtocolConnection pc, byte[] line) throws MalformedReplyException {
        if (line.length < 12 || !new String(line, 0, 7, StandardCharsets.ISO_8859_1).equals("HTTP/1.")
                || line[8] != ' ' || !digits(line, 9, 12) || (line.length > 12 && line[12] != ' ')) {
            throw pc.abandon(new MalformedReplyException("the proxy's answer to CONNECT is not an HTTP/1.x status line: \""
                    + Wire.escape(new String(line, StandardCharsets.ISO_8859_1)) + "\""));
        }
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private static boolean digits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The plain endpoint under the CONNECT exchange: once stopped it reports end of stream without
     * touching the socket, so draining the connection yields exactly what it had buffered.
     */
    private static final class Probe extends Channel {
        private boolean stopped;

        Probe(Endpoint net) {
            super(net);
        }

        void stop() {
            stopped = true;
        }

        @Override
        public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
            return stopped ? 0 : super.recv(dst, deadline);
        }
    }
}
