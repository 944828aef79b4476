package org.sockets.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.sockets.protocol.NegativeReplyException;

/**
 * The server answered with a status outside 2xx where success was required
 * ({@link Response#requireSuccess()}, {@code Protocols.open}): Python urllib's {@code HTTPError}.
 * Carries the status, the reason phrase, the headers and the start of the body (up to
 * {@link HttpOptions#errorBodyStart()} bytes), so the server's explanation is not lost. The
 * response was closed when this was made.
 *
 * <p>{@link #code()} is the status as text ({@code "404"}), {@link #text()} the reason phrase.
 */
public class HttpStatusException extends NegativeReplyException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final URI uri;
    /** Not serialized: headers are a view of this one exchange. */
    private final transient Headers headers;
    private final byte[] bodyStart;

    /**
     * An exception for a non-2xx answer.
     *
     * @param method    the request's method
     * @param uri       the request's URL
     * @param status    the status code, 100 to 999
     * @param reason    the reason phrase, possibly empty
     * @param headers   the response headers
     * @param bodyStart the first bytes of the body (copied), possibly empty
     */
    public HttpStatusException(String method, URI uri, int status, String reason, Headers headers, byte[] bodyStart) {
        super(method + " " + uri, Integer.toString(status), reason);
        this.status = status;
        this.reason = reason;
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.bodyStart = Objects.requireNonNull(bodyStart, "bodyStart").clone();
    }

    /**
     * The status code.
     *
     * @return e.g. 404
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase as the server wrote it.
     *
     * @return e.g. {@code "Not Found"}, possibly empty
     */
    public String reason() {
        return reason;
    }

    /**
     * The URL that was asked for.
     *
     * @return the URL
     */
    public URI uri() {
        return uri;
    }

    /**
     * The response headers (empty after deserialization).
     *
     * @return the headers
     */
    public Headers headers() {
        return headers == null ? Headers.of() : headers;
    }

    /**
     * The first bytes of the body, up to {@link HttpOptions#errorBodyStart()}.
     *
     * @return a copy of them
     */
    public byte[] bodyStart() {
        return bodyStart.clone();
    }

    /**
     * The start of the body decoded as UTF-8 (malformed bytes replaced), for messages and logs.
     *
     * @return the text
     */
    public String bodyStartText() {
        return new String(bodyStart, StandardCharsets.UTF_8);
    }
}
