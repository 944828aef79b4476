package org.sockets.xmlrpc;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sockets.http.Http1Client;
import org.sockets.http.HttpOptions;
import org.sockets.http.Request;
import org.sockets.http.RequestBody;
import org.sockets.http.Response;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.xmlrpc.internal.Multicall;
import org.sockets.xmlrpc.internal.XmlRpcReader;
import org.sockets.xmlrpc.internal.XmlRpcWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XML-RPC client (Python's {@code xmlrpc.client.ServerProxy}): each {@link #call} POSTs a
 * {@code methodCall} as {@code text/xml} to one URL over the HTTP client, and reads the answer as
 * it streams in. Values map to Java types as the {@link org.sockets.xmlrpc package} says.
 * Thread-safe; connections are pooled by the HTTP client; close the client when done.
 *
 * <p>The URL is {@code http} or {@code https} (host-name verification on); an empty path means
 * {@code /RPC2}, as in Python. For a server on a Unix socket, give an {@code http} URL (it still
 * names the {@code Host} header) and {@link Builder#unixSocket(Path)}.
 *
 * <p>Errors: a bad argument (a value XML-RPC cannot carry, {@code null} without
 * {@link Builder#allowNone(boolean) allowNone}) is an {@link IllegalArgumentException} before
 * anything is sent; a fault is an {@link XmlRpcFaultException}; a non-2xx status the HTTP
 * client's {@code HttpStatusException}; a response that is not XML-RPC a
 * {@link org.sockets.protocol.MalformedReplyException}; one past the {@link XmlRpcLimits} a
 * {@link org.sockets.protocol.LimitExceededException}. A POST that met a closed pooled connection
 * is never sent again (a call may not be idempotent): it fails with the HTTP client's
 * {@code NoResponseException}.
 *
 * {@snippet :
 * try (XmlRpcClient rpc = XmlRpcClient.builder(URI.create("http://localhost:8000/RPC2")).allowNone(true).build()) {
 *     Object sum = rpc.call("add", 2, 3);                          // Integer 5
 *     Object echoed = rpc.call("echo", Map.of("when", LocalDateTime.of(2026, 12, 6, 18, 0)));
 *     for (XmlRpcResult r : rpc.multicall(List.of(XmlRpcCall.of("add", 1, 2), XmlRpcCall.of("divide", 1, 0)))) {
 *         System.out.println(r);                                     // Returned[value=3], then Faulted[...]
 *     }
 * }
 * }
 */
public final class XmlRpcClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcClient.class);

    private final URI url;
    private final Http1Client http;
    private final boolean allowNone;
    private final XmlRpcLimits limits;

    private XmlRpcClient(URI url, Http1Client http, boolean allowNone, XmlRpcLimits limits) {
        this.url = url;
        this.http = http;
        this.allowNone = allowNone;
        this.limits = limits;
    }

    /**
     * A builder for a client of the server at {@code url}.
     *
     * @param url an {@code http} or {@code https} URL; an empty path means {@code /RPC2}
     * @return the builder
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL with a host
     *         (user info is refused: it would sit in logs)
     */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * Calls a method and returns its value.
     *
     * @param method the method name, e.g. {@code "examples.getStateName"}
     * @param params the parameters, as the package's table maps them
     * @return the value (null only for {@code nil}, with {@code allowNone})
     * @throws IllegalArgumentException if the name or a parameter cannot be encoded (nothing sent)
     * @throws XmlRpcFaultException if the server answered with a fault
     * @throws IOException on HTTP, protocol and limit failures (see the class description)
     */
    public Object call(String method, Object... params) throws IOException {
        Objects.requireNonNull(params, "params");
        return exchange(method, Arrays.asList(params)).value();
    }

    /**
     * Makes several calls in one request with {@code system.multicall} (Python's
     * {@code MultiCall}; the server must offer it). A fault of one call is its result, not an
     * exception; an empty list sends nothing.
     *
     * @param calls the calls, in order
     * @return one result per call, in the same order
     * @throws IllegalArgumentException if a parameter cannot be encoded (nothing sent)
     * @throws XmlRpcFaultException if {@code system.multicall} itself faulted (e.g. the server
     *         does not offer it)
     * @throws IOException on HTTP, protocol and limit failures, or if the answer does not hold one
     *         result per call
     */
    public List<XmlRpcResult> multicall(List<XmlRpcCall> calls) throws IOException {
        List<XmlRpcCall> copy = List.copyOf(calls);
        if (copy.isEmpty()) {
            return List.of();
        }
        Object value = exchange(Multicall.METHOD, List.of(Multicall.param(copy))).value();
        return Multicall.results(copy, value);
    }

    private XmlRpcResult exchange(String method, List<?> params) throws IOException {
        byte[] document = XmlRpcWriter.methodCall(method, params, allowNone);
        Request request = Request.post(url, RequestBody.of(document)).withHeader("Content-Type", "text/xml");
        LOG.debug("{} {}: {} parameters, {} bytes", url, method, params.size(), document.length);
        XmlRpcResult result;
        try (Response response = http.send(request).requireSuccess()) {
            result = XmlRpcReader.readResponse(response.body(), method, limits, allowNone);
        }
        if (result instanceof XmlRpcResult.Faulted f) {
            LOG.debug("{} {}: fault {} {}", url, method, f.faultCode(), f.faultString());
        }
        return result;
    }

    /**
     * The server's URL, with {@code /RPC2} for an empty path.
     *
     * @return the URL
     */
    public URI url() {
        return url;
    }

    /**
     * Whether {@code null} is sent and received as {@code <nil/>}.
     *
     * @return the setting
     */
    public boolean allowNone() {
        return allowNone;
    }

    /**
     * The response limits.
     *
     * @return the limits
     */
    public XmlRpcLimits limits() {
        return limits;
    }

    /** Closes the pooled connections; calls afterwards fail with {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "XmlRpcClient[" + url + "]";
    }

    /**
     * Sets up an {@link XmlRpcClient}. Defaults: {@link ClientOptions#defaults()} (connect 10 s,
     * read 30 s, TCP), {@link HttpOptions#defaults()}, {@code allowNone} false,
     * {@link XmlRpcLimits#defaults()}.
     */
    public static final class Builder {

        private final URI url;
        private ClientOptions options = ClientOptions.defaults();
        private HttpOptions httpOptions = HttpOptions.defaults();
        private boolean allowNone;
        private XmlRpcLimits limits = XmlRpcLimits.defaults();

        private Builder(URI url) {
            Objects.requireNonNull(url, "url");
            if (url.isOpaque() || url.getRawAuthority() == null) {
                throw new IllegalArgumentException("an XML-RPC client needs an absolute http or https URL with a host, not " + url);
            }
            URI u = url;
            if (u.getRawPath() == null || u.getRawPath().isEmpty()) {
                u = URI.create(u.getScheme() + "://" + u.getRawAuthority() + "/RPC2"
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
            }
            Request.post(u, RequestBody.empty());   // the HTTP client's checks, now rather than at the first call
            this.url = u;
        }

        /**
         * The core's options: timeouts, deadline, connector, TLS trust, transcript.
         *
         * @param o the options; default {@link ClientOptions#defaults()}
         * @return this builder
         */
        public Builder options(ClientOptions o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        /**
         * The HTTP client's own options: pool size, idle timeout, user agent.
         *
         * @param o the options; default {@link HttpOptions#defaults()}
         * @return this builder
         */
        public Builder httpOptions(HttpOptions o) {
            this.httpOptions = Objects.requireNonNull(o, "httpOptions");
            return this;
        }

        /**
         * Connects to a Unix socket instead of the URL's host and port (the URL still gives the
         * {@code Host} header): the same as {@code options(options.withConnector(Connector.unixPath(path)))}.
         * Needs {@code org.sockets:sockets-unix} at run time.
         *
         * @param path the socket file
         * @return this builder
         */
        public Builder unixSocket(Path path) {
            this.options = options.withConnector(Connector.unixPath(path));
            return this;
        }

        /**
         * Whether {@code null} goes as {@code <nil/>} and {@code <nil/>} comes back as
         * {@code null} (Python's {@code allow_none}); without it, both are refused.
         *
         * @param allow default false
         * @return this builder
         */
        public Builder allowNone(boolean allow) {
            this.allowNone = allow;
            return this;
        }

        /**
         * The limits on response documents.
         *
         * @param l default {@link XmlRpcLimits#defaults()}
         * @return this builder
         */
        public Builder limits(XmlRpcLimits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /**
         * The client, with its own HTTP client (and connection pool).
         *
         * @return the client, which the caller closes
         */
        public XmlRpcClient build() {
            return new XmlRpcClient(url, Http1Client.create(options, httpOptions), allowNone, limits);
        }
    }
}
