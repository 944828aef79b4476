package org.sockets.http.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.sockets.http.Http1Client;
import org.sockets.http.Request;
import org.sockets.http.Response;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * The {@code http} / {@code https} provider of the URL front door: a GET with a one-connection
 * client; the body streams, a non-2xx answer is an {@link org.sockets.http.HttpStatusException}.
 */
public final class HttpProvider implements ProtocolProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public HttpProvider() {
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> throw new IllegalArgumentException("the http provider serves http and https, not " + scheme);
        };
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) throws IOException {
        Http1Client client = Http1Client.create(options);
        try {
            Response r = client.send(Request.get(uri)).requireSuccess();
            Retrieval retrieval = Retrieval.of(r.body(), () -> {
                r.close();
                client.close();
            });
            if (r.contentLength().isPresent()) {
                retrieval = retrieval.withLength(r.contentLength().getAsLong());
            }
            String type = r.headers().first("Content-Type").orElse("");
            return type.isBlank() ? retrieval : retrieval.withContentType(type);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
