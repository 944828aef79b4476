package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Endpoint;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsListener;
import org.sockets.tls.TlsOptions;

/** Behind {@link org.sockets.tls.Tls}: checks arguments, builds engines, makes endpoints. */
public final class TlsFactory {
    private TlsFactory() {
    }

    public static TlsEndpoint client(Endpoint connected, TlsOptions options) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    public static TlsEndpoint server(Endpoint connected, TlsOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public static TlsListener listen(Endpoint listening, TlsOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public static TlsEndpoint startTls(Endpoint plain, ByteBuffer unconsumed, TlsOptions options) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
