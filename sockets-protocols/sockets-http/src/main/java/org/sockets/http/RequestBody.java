package org.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a request sends after its header block: nothing, bytes held in memory (sent with
 * {@code Content-Length}), a stream of a length known in advance ({@code Content-Length}), or a
 * stream of unknown length ({@code Transfer-Encoding: chunked}). Only the first two can be sent
 * twice, so only they are ever retried on a fresh connection.
 *
 * {@snippet :
 * Request put = Request.of("PUT", URI.create("http://localhost:8080/upload"))
 *         .withBody(RequestBody.ofStream(Files.newInputStream(file), Files.size(file)));
 * Request post = Request.post(URI.create("http://localhost:8080/rpc"),
 *         RequestBody.chunked(out -> writer.writeTo(out)));   // Transfer-Encoding: chunked
 * }
 */
public sealed interface RequestBody {

    /**
     * Writes a body of unknown length to a stream, for {@link #chunked(Writer)}.
     */
    @FunctionalInterface
    interface Writer {
        /**
         * Writes the body; closing {@code out} is not needed (and does not close the connection).
         *
         * @param out the chunked stream
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** No body: no {@code Content-Length} for GET/HEAD/DELETE/..., {@code Content-Length: 0} for POST/PUT/PATCH. */
    record Empty() implements RequestBody {
    }

    /**
     * Bytes held in memory; the array is copied in.
     *
     * @param bytes the body
     */
    record Bytes(byte[] bytes) implements RequestBody {
        /** Copies the array. */
        public Bytes {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        /**
         * A copy of the bytes.
         *
         * @return the body
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * A stream of exactly {@code size} bytes, read once as the request is sent; a stream that
     * ends early or runs longer fails the request (the connection is closed).
     *
     * @param in   the stream (not closed by the client)
     * @param size bytes it gives, at least 0
     */
    record Sized(InputStream in, long size) implements RequestBody {
        /** Checks the parts. */
        public Sized {
            Objects.requireNonNull(in, "in");
            if (size < 0) {
                throw new IllegalArgumentException("a body length is at least 0, not " + size);
            }
        }
    }

    /**
     * A body of unknown length, sent with {@code Transfer-Encoding: chunked}.
     *
     * @param writer writes the body once
     */
    record Chunked(Writer writer) implements RequestBody {
        /** Checks the part. */
        public Chunked {
            Objects.requireNonNull(writer, "writer");
        }
    }

    /**
     * No body.
     *
     * @return the empty body
     */
    static RequestBody empty() {
        return new Empty();
    }

    /**
     * Bytes, sent with {@code Content-Length}.
     *
     * @param bytes the body (copied)
     * @return the body
     */
    static RequestBody of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /**
     * Text encoded as UTF-8, sent with {@code Content-Length}; the content type is the caller's to set.
     *
     * @param text the body
     * @return the body
     */
    static RequestBody of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A stream of known length, sent with {@code Content-Length} as it is read.
     *
     * @param in     the stream (not closed by the client)
     * @param length bytes it gives
     * @return the body
     * @throws IllegalArgumentException if {@code length} is negative
     */
    static RequestBody ofStream(InputStream in, long length) {
        return new Sized(in, length);
    }

    /**
     * A stream of unknown length, sent with {@code Transfer-Encoding: chunked} until it ends.
     *
     * @param in the stream (not closed by the client)
     * @return the body
     */
    static RequestBody chunked(InputStream in) {
        Objects.requireNonNull(in, "in");
        return new Chunked(in::transferTo);
    }

    /**
     * A body written by {@code writer}, sent with {@code Transfer-Encoding: chunked}.
     *
     * @param writer writes the body once
     * @return the body
     */
    static RequestBody chunked(Writer writer) {
        return new Chunked(writer);
    }

    /**
     * The length this body announces: empty for a chunked body.
     *
     * @return the length
     */
    default OptionalLong length() {
        return switch (this) {
            case Empty e -> OptionalLong.of(0);
            case Bytes b -> OptionalLong.of(b.bytes.length);
            case Sized s -> OptionalLong.of(s.size());
            case Chunked c -> OptionalLong.empty();
        };
    }

    /**
     * Whether the body can be sent again (empty or bytes), the condition for a retry on a fresh
     * connection.
     *
     * @return {@code true} if replayable
     */
    default boolean isReplayable() {
        return this instanceof Empty || this instanceof Bytes;
    }
}
