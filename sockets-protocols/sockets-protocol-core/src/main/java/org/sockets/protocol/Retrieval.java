package org.sockets.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link Protocols#open(java.net.URI)} returns: the body of the thing a URL names, as a
 * stream from the server, with its length and content type when the protocol tells them. It holds
 * a connection open and must be closed; closing before the end abandons the transfer.
 *
 * {@snippet :
 * try (Retrieval r = Protocols.open(URI.create("pop3s://alice@mail.example.org/1"), options)) {
 *     r.body().transferTo(System.out);   // a cut transfer throws TruncatedTransferException
 * }
 * }
 *
 * <p>Reading the body to its end without an exception means the transfer was complete: a body
 * the server cuts short fails with {@link TruncatedTransferException} (or the TLS layer's
 * truncation error), never ends early. Made by providers with {@link #of(InputStream, Closeable)}.
 */
public final class Retrieval implements AutoCloseable {

    private final InputStream body;
    private final Closeable resource;
    private final OptionalLong length;
    private final Optional<String> contentType;
    private final AtomicBoolean closed;

    private Retrieval(InputStream body, Closeable resource, OptionalLong length, Optional<String> contentType,
                      AtomicBoolean closed) {
        this.body = body;
        this.resource = resource;
        this.length = length;
        this.contentType = contentType;
        this.closed = closed;
    }

    /**
     * A retrieval of {@code body}, whose close also closes {@code resource} (the connection or
     * session the body streams from); no length, no content type.
     *
     * @param body     the body as it arrives
     * @param resource closed after the body, once, when the retrieval is closed
     * @return the retrieval
     */
    public static Retrieval of(InputStream body, Closeable resource) {
        return new Retrieval(Objects.requireNonNull(body, "body"), Objects.requireNonNull(resource, "resource"),
                OptionalLong.empty(), Optional.empty(), new AtomicBoolean());
    }

    /**
     * A copy that tells the body's length as the server announced it. It shares this one's body
     * and resource: close either.
     *
     * @param bytes zero or more
     * @return the copy
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Retrieval withLength(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("length must not be negative, not " + bytes);
        }
        return new Retrieval(body, resource, OptionalLong.of(bytes), contentType, closed);
    }

    /**
     * A copy that tells the body's media type. It shares this one's body and resource.
     *
     * @param mediaType e.g. {@code "message/rfc822"}, {@code "text/html; charset=utf-8"}
     * @return the copy
     * @throws IllegalArgumentException if the type is blank or holds a control character
     */
    public Retrieval withContentType(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        if (mediaType.isBlank() || mediaType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a media type: '" + Printable.escape(mediaType) + "'");
        }
        return new Retrieval(body, resource, length, Optional.of(mediaType), closed);
    }

    /**
     * The body, streamed from the server. Reading past its end returns -1 only for a complete
     * transfer.
     *
     * @return the body stream (the same one each call)
     */
    public InputStream body() {
        return body;
    }

    /**
     * The body's length in bytes, as the server announced it; not a promise where the protocol
     * only estimates it (POP3's {@code LIST} sizes count CRLF line ends).
     *
     * @return the length, empty when unknown
     */
    public OptionalLong length() {
        return length;
    }

    /**
     * The body's media type, as the server or the protocol states it.
     *
     * @return the type, empty when unknown
     */
    public Optional<String> contentType() {
        return contentType;
    }

    /**
     * Closes the body, then the resource it streams from; once, however often it is called.
     *
     * @throws IOException if closing fails (the resource is closed anyway)
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Closeable r = resource) {
            body.close();
        }
    }

    @Override
    public String toString() {
        return "Retrieval[length=" + (length.isPresent() ? length.getAsLong() : "unknown")
                + ", contentType=" + contentType.orElse("unknown") + (closed.get() ? ", closed" : "") + "]";
    }
}
