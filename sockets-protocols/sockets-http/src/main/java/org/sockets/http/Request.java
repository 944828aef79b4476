package org.sockets.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable HTTP request: a method, an absolute {@code http}/{@code https} URL (which gives the
 * origin, the {@code Host} header and, unless {@link #withTarget(String)} says otherwise, the
 * request target), headers, a {@link RequestBody} and whether to ask {@code Expect: 100-continue}.
 *
 * <p>Everything is checked when the request is made, so a bad request fails before any byte is
 * sent: CR, LF or NUL anywhere, and SP or another control character in the method, the target or
 * a header name, are an {@link IllegalArgumentException} naming the bad part (CVE-2019-9740,
 * CVE-2019-9947, CVE-2020-26116). Header values may hold SP and HTAB.
 *
 * <p>The client adds {@code Host}, {@code Content-Length} or {@code Transfer-Encoding} (from the
 * body), {@code User-Agent} (from {@link HttpOptions}) and {@code Expect}; a {@code Host} set here
 * wins, while {@code Content-Length}, {@code Transfer-Encoding}, {@code Expect} and
 * {@code Connection} are the client's alone and refused here.
 *
 * {@snippet :
 * Request r = Request.get(URI.create("http://localhost:8080/status?verbose=1"))
 *         .withHeader("Accept", "application/json");
 * Request upload = Request.post(URI.create("http://localhost:8080/upload"), RequestBody.of(bytes))
 *         .withHeader("Content-Type", "application/octet-stream")
 *         .withExpectContinue(true);
 * }
 */
public final class Request {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");
    private static final Set<String> CLIENT_OWNED = Set.of("content-length", "transfer-encoding", "expect", "connection");

    private final String method;
    private final URI uri;
    private final String target;
    private final Headers headers;
    private final RequestBody body;
    private final boolean expectContinue;

    private Request(String method, URI uri, String target, Headers headers, RequestBody body, boolean expectContinue) {
        this.method = method;
        this.uri = uri;
        this.target = target;
        this.headers = headers;
        this.body = body;
        this.expectContinue = expectContinue;
    }

    /**
     * A request with any method and no body.
     *
     * @param method a token, e.g. {@code "GET"}, {@code "PROPFIND"} (case kept as given)
     * @param uri    an absolute {@code http} or {@code https} URL with a host and no user info
     * @return the request
     * @throws IllegalArgumentException if the method is not a token or the URL is not usable
     */
    public static Request of(String method, URI uri) {
        Wire.checkMethod(method);
        URI checked = Wire.checkUri(uri);
        return new Request(method, checked, Wire.originForm(checked), Headers.of(), RequestBody.empty(), false);
    }

    /**
     * A GET request.
     *
     * @param uri an absolute {@code http} or {@code https} URL
     * @return the request
     * @throws IllegalArgumentException if the URL is not usable
     */
    public static Request get(URI uri) {
        return of("GET", uri);
    }

    /**
     * A HEAD request: the response has headers and never a body.
     *
     * @param uri an absolute {@code http} or {@code https} URL
     * @return the request
     * @throws IllegalArgumentException if the URL is not usable
     */
    public static Request head(URI uri) {
        return of("HEAD", uri);
    }

    /**
     * A POST request with a body.
     *
     * @param uri  an absolute {@code http} or {@code https} URL
     * @param body the body
     * @return the request
     * @throws IllegalArgumentException if the URL is not usable
     */
    public static Request post(URI uri, RequestBody body) {
        return of("POST", uri).withBody(body);
    }

    /**
     * A copy with a header field added at the end.
     *
     * @param name  a token, not one the client owns ({@code Content-Length},
     *              {@code Transfer-Encoding}, {@code Expect}, {@code Connection})
     * @param value no CR, LF, NUL or control character but HTAB
     * @return the copy
     * @throws IllegalArgumentException if the name or value is not allowed
     */
    public Request withHeader(String name, String value) {
        checkNotClientOwned(name);
        return new Request(method, uri, target, headers.with(name, value), body, expectContinue);
    }

    /**
     * A copy whose headers are {@code headers} (replacing those set before).
     *
     * @param headers the headers, none of them one the client owns
     * @return the copy
     * @throws IllegalArgumentException if a field is one the client owns
     */
    public Request withHeaders(Headers headers) {
        Objects.requireNonNull(headers, "headers");
        headers.fields().forEach(f -> checkNotClientOwned(f.name()));
        return new Request(method, uri, target, headers, body, expectContinue);
    }

    /**
     * A copy with a body.
     *
     * @param body the body
     * @return the copy
     */
    public Request withBody(RequestBody body) {
        Objects.requireNonNull(body, "body");
        return new Request(method, uri, target, headers, body, expectContinue);
    }

    /**
     * A copy that sends {@code Expect: 100-continue} and holds its body back until the server says
     * {@code 100 Continue} or {@link HttpOptions#continueTimeout()} passes; a final answer first
     * (a 413, a 401) means the body is never sent. Default: off.
     *
     * @param expect whether to ask
     * @return the copy
     */
    public Request withExpectContinue(boolean expect) {
        return new Request(method, uri, target, headers, body, expect);
    }

    /**
     * A copy with another request target: {@code "*"} for a server-wide OPTIONS, an absolute URL
     * for a proxy, or an origin-form path the URL cannot spell. Default: the URL's raw path (or
     * {@code /}) and query.
     *
     * @param target no SP, CR, LF, NUL or other control character
     * @return the copy
     * @throws IllegalArgumentException if the target holds such a character or is empty
     */
    public Request withTarget(String target) {
        Wire.checkTarget(target);
        return new Request(method, uri, target, headers, body, expectContinue);
    }

    private static void checkNotClientOwned(String name) {
        Objects.requireNonNull(name, "name");
        if (CLIENT_OWNED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the client from the body and"
                    + " withExpectContinue; do not set it yourself");
        }
    }

    /**
     * The method.
     *
     * @return e.g. {@code "GET"}
     */
    public String method() {
        return method;
    }

    /**
     * The URL: its scheme, host and port are the origin the request goes to.
     *
     * @return the URL
     */
    public URI uri() {
        return uri;
    }

    /**
     * The request target written on the request line.
     *
     * @return e.g. {@code "/status?verbose=1"}
     */
    public String target() {
        return target;
    }

    /**
     * The headers the caller set (without the ones the client adds).
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return the body, {@link RequestBody#empty()} by default
     */
    public RequestBody body() {
        return body;
    }

    /**
     * Whether {@code Expect: 100-continue} is sent.
     *
     * @return {@code true} if asked
     */
    public boolean expectContinue() {
        return expectContinue;
    }

    /**
     * Whether the method is idempotent (RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS, TRACE),
     * which, with a replayable body, allows a retry on a fresh connection.
     *
     * @return {@code true} if idempotent
     */
    public boolean isIdempotent() {
        return IDEMPOTENT.contains(method);
    }

    @Override
    public String toString() {
        return "Request[" + method + " " + uri + (target.equals(Wire.originForm(uri)) ? "" : " target " + target) + "]";
    }
}
