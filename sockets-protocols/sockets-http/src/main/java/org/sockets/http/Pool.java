package org.sockets.http;

import java.io.IOException;
import java.net.URI;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;

/** The connections per origin and the exchange on each (stub until the wire lands). */
final class Pool {

    private final ClientOptions options;
    private final HttpOptions http;

    Pool(ClientOptions options, HttpOptions http) {
        this.options = options;
        this.http = http;
    }

    Response send(Request request) throws IOException {
        throw new UnsupportedOperationException("not yet: " + request + " with " + options + http);
    }

    static Response exchangeOver(Endpoint endpoint, Request request, ClientOptions options, HttpOptions http)
            throws IOException {
        throw new UnsupportedOperationException("not yet: " + request + endpoint + options + http);
    }

    int idle(URI uri) {
        return 0;
    }

    void close() {
    }
}
