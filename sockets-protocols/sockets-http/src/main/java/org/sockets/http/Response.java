package org.sockets.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.TransferProgress;

/**
 * The answer to a {@link Request}: status line, headers, a body that streams from the connection,
 * and trailers once a chunked body has been read to its end. It holds a connection and must be
 * closed; closing it after the body was read to its end returns the connection to the pool,
 * closing it earlier closes the connection.
 *
 * <p>Reading the body to its end without an exception means it was complete: a body shorter than
 * its {@code Content-Length}, or a chunked body without its last chunk, fails with
 * {@link org.sockets.protocol.TruncatedTransferException}. HEAD, 1xx, 204 and 304 answers have
 * an empty body whatever their headers say.
 *
 * {@snippet :
 * try (Response r = client.send(Request.get(URI.create("http://localhost:8080/")))) {
 *     System.out.println(r.status() + " " + r.reason());
 *     r.body().transferTo(System.out);
 * }
 * }
 */
public final class Response implements AutoCloseable {

    private final Request request;
    private final String version;
    private final int status;
    private final String reason;
    private final Headers headers;
    private final OptionalLong length;
    private final Framing.Body body;
    private final int errorBodyStart;
    private final int inMemoryLimit;

    Response(Request request, String version, int status, String reason, Headers headers, OptionalLong length,
             Framing.Body body, int errorBodyStart, int inMemoryLimit) {
        this.request = request;
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.length = length;
        this.body = body;
        this.errorBodyStart = errorBodyStart;
        this.inMemoryLimit = inMemoryLimit;
    }

    /**
     * The request this answers.
     *
     * @return the request
     */
    public Request request() {
        return request;
    }

    /**
     * The protocol version of the status line.
     *
     * @return {@code "HTTP/1.1"} or {@code "HTTP/1.0"}
     */
    public String version() {
        return version;
    }

    /**
     * The status code.
     *
     * @return 200 to 999 (never 1xx: informational answers are consumed by the client)
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase as the server wrote it.
     *
     * @return e.g. {@code "OK"}, possibly empty
     */
    public String reason() {
        return reason;
    }

    /**
     * Whether the status is 2xx.
     *
     * @return {@code true} for 200 to 299
     */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The response headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The body's length as {@code Content-Length} announced it; 0 for a response without a body
     * (HEAD, 204, 304); empty for chunked and close-delimited bodies.
     *
     * @return the length
     */
    public OptionalLong contentLength() {
        return length;
    }

    /**
     * The body as it arrives; each read waits at most the read timeout (and the whole-request
     * deadline). Closing the stream closes this response.
     *
     * @return the body stream (the same one each call)
     */
    public InputStream body() {
        return body;
    }

    /**
     * Reports the body's progress to {@code progress} from now on (after each read, and once at the end).
     *
     * @param progress the listener
     * @return this response
     */
    public Response onProgress(TransferProgress progress) {
        body.progress(Objects.requireNonNull(progress, "progress"), length.orElse(-1));
        return this;
    }

    /**
     * Reads the whole body into memory, up to the in-memory body limit of the client's
     * {@link org.sockets.protocol.Limits} (16 MiB by default), then closes this response.
     *
     * @return the body
     * @throws LimitExceededException if the body is longer (the connection is closed)
     * @throws IOException on I/O failures, timeouts, a truncated or malformed body
     */
    public byte[] bytes() throws IOException {
        return bytes(inMemoryLimit);
    }

    /**
     * Reads the whole body into memory, up to {@code limit} bytes, then closes this response.
     *
     * @param limit the most bytes accepted
     * @return the body
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws LimitExceededException if the body is longer (a {@code Content-Length} over the limit
     *         fails before any byte is read; the connection is closed)
     * @throws IOException on I/O failures, timeouts, a truncated or malformed body
     */
    public byte[] bytes(int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, not " + limit);
        }
        try (Response self = this) {
            if (length.isPresent() && length.getAsLong() > limit) {
                throw body.fail(new LimitExceededException("response body of announced length " + length.getAsLong()
                        + " held in memory", limit));
            }
            if (length.isPresent()) {
                // The length is known and within the limit: one array of exactly that size.
                byte[] all = new byte[(int) length.getAsLong()];
                int got = 0;
                for (int n; got < all.length && (n = body.read(all, got, all.length - got)) > 0; ) {
                    got += n;
                }
                return all;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = body.read(buf, 0, (int) Math.min(buf.length, limit - total + 1))) > 0) {
                total += n;
                if (total > limit) {
                    throw body.fail(new LimitExceededException("response body held in memory", limit));
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads the whole body as {@link #bytes()} does and decodes it with the {@code charset} of
     * {@code Content-Type}, else UTF-8.
     *
     * @return the text
     * @throws IOException as {@link #bytes()}
     */
    public String text() throws IOException {
        return new String(bytes(), charset());
    }

    private Charset charset() {
        for (String part : headers.first("Content-Type").orElse("").split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * The trailer fields of a chunked body (nginx {@code add_trailer}), known once the body has
     * been read to its end; empty for other framings.
     *
     * @return the trailers
     * @throws IllegalStateException if the body has not been read to its end
     */
    public Headers trailers() {
        return body.trailers();
    }

    /**
     * Returns this response if its status is 2xx; otherwise reads the start of the body (up to
     * {@link HttpOptions#errorBodyStart()} bytes), closes the response and throws.
     *
     * @return this response
     * @throws HttpStatusException for a status outside 2xx
     * @throws IOException if reading the start of an error body fails
     */
    public Response requireSuccess() throws IOException {
        if (isSuccess()) {
            return this;
        }
        byte[] start;
        try (Response self = this) {
            start = body.readNBytes(errorBodyStart);
        }
        throw new HttpStatusException(request.method(), request.uri(), status, reason, headers, start);
    }

    /**
     * Ends the exchange: if the body was read to its end the connection goes back to the pool
     * (when both sides keep it alive), else it is closed. Idempotent.
     */
    @Override
    public void close() {
        body.close();
    }

    @Override
    public String toString() {
        return "Response[" + version + " " + status + " " + reason + ", " + request.method() + " " + request.uri() + "]";
    }
}
