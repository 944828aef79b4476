package org.sockets.http;

import java.io.IOException;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.sockets.api.Endpoint;
import org.sockets.tls.TlsEndpoint;

/**
 * A {@link Channel} over TLS: a {@link TlsEndpoint} itself, so the protocol core counts the
 * connection as secure and its credential path sends {@code Authorization} over it without the
 * plain-text opt-in.
 */
final class TlsChannel extends Channel implements TlsEndpoint {

    private final TlsEndpoint tls;

    TlsChannel(TlsEndpoint tls) {
        super(tls);
        this.tls = tls;
    }

    @Override
    public TlsEndpoint handshake() throws IOException {
        tls.handshake();
        return this;
    }

    @Override
    public SSLSession session() throws IOException {
        return tls.session();
    }

    @Override
    public Optional<String> applicationProtocol() throws IOException {
        return tls.applicationProtocol();
    }

    @Override
    public Endpoint unwrap() {
        throw new UnsupportedOperationException("an HTTPS connection does not end TLS and go on in clear");
    }
}
