package org.sockets.http;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;

/**
 * An HTTP/1.1 client with a pool of persistent connections per origin: Python's
 * {@code http.client} and {@code urllib} with their hard-learnt safety, over any stream transport
 * the options' {@link org.sockets.protocol.Connector} gives — TCP, a Unix socket (a Docker-style
 * daemon socket, the {@code Host} header still from the URL, as curl's {@code --unix-socket}) or a
 * user's own. {@code https} URLs go through sockets-tls with host-name verification on.
 * Thread-safe; close it to close the idle connections.
 *
 * <p><b>Time.</b> The options' connect timeout bounds connecting and the TLS handshake; the read
 * timeout bounds the status line and header block of each answer and each read of a body; the
 * optional deadline ({@link ClientOptions#withDeadline}) bounds a whole request, from sending to
 * the end of the body.
 *
 * <p><b>Reuse.</b> A connection goes back to the pool only after its response was read to its end
 * and neither side said {@code Connection: close}; at most {@link HttpOptions#poolSize()} idle
 * connections per origin are kept, each for {@link HttpOptions#idleTimeout()}. A pooled connection
 * the server has closed meanwhile is retried on a fresh connection once, and only when the method
 * is idempotent, the body replayable and no byte of a response arrived; otherwise the caller gets
 * a {@link NoResponseException}.
 *
 * <p><b>Errors.</b> Bad requests are {@link IllegalArgumentException}s when the {@link Request} is
 * made. Bad answers — conflicting {@code Content-Length} and {@code Transfer-Encoding}, a
 * {@code Content-Length} list with differing values, negative or overflowing lengths, malformed
 * chunk sizes, endless 1xx answers, header blocks or trailers past the limits — are
 * {@link org.sockets.protocol.MalformedReplyException}s or
 * {@link org.sockets.protocol.LimitExceededException}s, and the connection is discarded. A
 * non-2xx status is a normal {@link Response}; {@link Response#requireSuccess()} turns it into an
 * {@link HttpStatusException}.
 *
 * {@snippet :
 * try (Http1Client client = Http1Client.create();
 *      Response r = client.send(Request.get(URI.create("http://localhost:8080/"))).requireSuccess()) {
 *     r.body().transferTo(System.out);
 * }
 * // Docker's API over its Unix socket:
 * ClientOptions docker = ClientOptions.defaults().withConnector(Connector.unixPath(Path.of("/run/docker.sock")));
 * try (Http1Client client = Http1Client.create(docker)) {
 *     String json = client.get(URI.create("http://localhost/v1.43/containers/json")).text();
 * }
 * }
 */
public final class Http1Client implements AutoCloseable {

    private final ClientOptions options;
    private final HttpOptions http;
    private final Pool pool;

    private Http1Client(ClientOptions options, HttpOptions http) {
        this.options = options;
        this.http = http;
        this.pool = new Pool(options, http);
    }

    /**
     * A client with the default options ({@link ClientOptions#defaults()},
     * {@link HttpOptions#defaults()}).
     *
     * @return the client, which the caller closes
     */
    public static Http1Client create() {
        return create(ClientOptions.defaults(), HttpOptions.defaults());
    }

    /**
     * A client with these core options and the default HTTP options.
     *
     * @param options timeouts, deadline, limits, connector, TLS trust, transcript
     * @return the client, which the caller closes
     */
    public static Http1Client create(ClientOptions options) {
        return create(options, HttpOptions.defaults());
    }

    /**
     * A client with these options.
     *
     * @param options timeouts, deadline, limits, connector, TLS trust, transcript
     * @param http    pool size, idle timeout, 100-continue wait, user agent
     * @return the client, which the caller closes
     */
    public static Http1Client create(ClientOptions options, HttpOptions http) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(http, "http");
        return new Http1Client(options, http);
    }

    /**
     * Sends a request on a pooled or new connection to its origin and reads the answer's status
     * line and headers; the body is left to the caller.
     *
     * @param request the request
     * @return the response, which the caller must close
     * @throws NoResponseException if the server closed the connection before answering (after the
     *         one retry the rules allow)
     * @throws org.sockets.protocol.ProtocolException if the answer breaks HTTP/1.1 or a limit
     * @throws java.net.SocketTimeoutException if a timeout or the deadline passed
     * @throws IOException on other I/O failures
     * @throws IllegalStateException if the client is closed
     */
    public Response send(Request request) throws IOException {
        Objects.requireNonNull(request, "request");
        return pool.send(request);
    }

    /**
     * Sends a GET for {@code uri}: {@code send(Request.get(uri))}.
     *
     * @param uri an absolute {@code http} or {@code https} URL
     * @return the response, which the caller must close
     * @throws IOException as {@link #send(Request)}
     */
    public Response get(URI uri) throws IOException {
        return send(Request.get(uri));
    }

    /**
     * One exchange over an endpoint the caller already holds (a tunnel, a socketpair, a user
     * transport): writes the request, reads the answer. The endpoint stays the caller's: closing
     * the response leaves it open when the body was read to its end and neither side asked to
     * close, and closes it otherwise (its stream is then out of step), as it does on any failure.
     * No TLS is started; pass a TLS endpoint for https.
     *
     * @param endpoint a connected stream endpoint
     * @param request  the request; its URL gives the {@code Host} header
     * @param options  timeouts, deadline, limits, transcript (the connector and TLS settings are not used)
     * @param http     the 100-continue wait, the informational limit, the user agent
     * @return the response, which the caller must close
     * @throws IOException as {@link #send(Request)}
     */
    public static Response exchange(Endpoint endpoint, Request request, ClientOptions options, HttpOptions http)
            throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(http, "http");
        return Pool.exchangeOver(endpoint, request, options, http);
    }

    /**
     * One exchange over an endpoint the caller holds, with the default HTTP options.
     *
     * @param endpoint a connected stream endpoint
     * @param request  the request
     * @param options  timeouts, deadline, limits, transcript
     * @return the response, which the caller must close
     * @throws IOException as {@link #send(Request)}
     * @see #exchange(Endpoint, Request, ClientOptions, HttpOptions)
     */
    public static Response exchange(Endpoint endpoint, Request request, ClientOptions options) throws IOException {
        return exchange(endpoint, request, options, HttpOptions.defaults());
    }

    /**
     * The core options this client was made with.
     *
     * @return the options
     */
    public ClientOptions options() {
        return options;
    }

    /**
     * The HTTP options this client was made with.
     *
     * @return the options
     */
    public HttpOptions httpOptions() {
        return http;
    }

    /** Idle connections kept for {@code uri}'s origin now (for tests). */
    int idleConnections(URI uri) {
        return pool.idle(uri);
    }

    /**
     * Closes the idle connections and refuses new requests; responses still open keep their
     * connections until closed, which then closes them. Idempotent.
     */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Http1Client[" + pool + "]";
    }
}
