package org.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.sockets.protocol.HeaderBlock;
import org.sockets.protocol.HeaderField;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.TransferProgress;
import org.sockets.protocol.TruncatedTransferException;

/**
 * Response framing (RFC 9112 §6.3): which body an answer has, and a reader for each — none,
 * {@code Content-Length}, chunked with trailers, close-delimited. Every rule that keeps a client
 * and a server from disagreeing about where a body ends is here (decision note
 * {@code 2026-12-06-http-framing.md}).
 */
final class Framing {

    /** Hex digits in a chunk size: 15 keep it under 2^60, far past any real chunk, and never overflow. */
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;

    private Framing() {
    }

    /** The framing of an answer: a length, chunked, or until the connection closes. */
    record Kind(OptionalLong length, boolean chunked) {
        static final Kind NONE = new Kind(OptionalLong.of(0), false);
        static final Kind CHUNKED = new Kind(OptionalLong.empty(), true);
        static final Kind CLOSE = new Kind(OptionalLong.empty(), false);

        boolean closeDelimited() {
            return !chunked && length.isEmpty();
        }
    }

    /**
     * Decides the framing of a final answer (RFC 9112 §6.3): none for HEAD, 204 and 304; chunked
     * if {@code Transfer-Encoding} ends in chunked; else {@code Content-Length}; else until close.
     */
    static Kind decide(ProtocolConnection c, String method, int status, Headers headers) throws MalformedReplyException {
        List<String> te = headers.all("Transfer-Encoding");
        List<String> cl = headers.all("Content-Length");
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return Kind.NONE;
        }
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                // RFC 9112 §6.1: "ought to be handled as an error"; both present is how requests and
                // responses are smuggled past one side of a proxy.
                throw malformed(c, "Transfer-Encoding together with Content-Length (a smuggling pattern): "
                        + te + " and " + cl);
            }
            return transferCoding(c, te);
        }
        if (!cl.isEmpty()) {
            return new Kind(OptionalLong.of(contentLength(c, cl)), false);
        }
        return Kind.CLOSE;
    }

    private static Kind transferCoding(ProtocolConnection c, List<String> te) throws MalformedReplyException {
        String joined = String.join(",", te);
        String[] codings = joined.split(",", -1);
        for (int i = 0; i < codings.length; i++) {
            String coding = codings[i].strip().toLowerCase(Locale.ROOT);
            boolean last = i == codings.length - 1;
            if (coding.equals("chunked") && last) {
                continue;
            }
            if (coding.equals("chunked")) {
                throw malformed(c, "chunked is applied once and last (RFC 9112 §6.1): Transfer-Encoding: " + joined);
            }
            // We send no TE header, so a server may apply no coding but chunked (RFC 9112 §7.4);
            // passing a compressed body on as if it were the content would be a silent corruption.
            throw malformed(c, "transfer coding '" + coding + "' is not supported (only chunked): Transfer-Encoding: " + joined);
        }
        return Kind.CHUNKED;
    }

    /** The one length a Content-Length field (or several, or a list) gives: identical values only. */
    static long contentLength(ProtocolConnection c, List<String> fields) throws MalformedReplyException {
        long value = -1;
        for (String field : fields) {
            for (String part : field.split(",", -1)) {
                long v = digits(c, part.strip(), field);
                if (value >= 0 && v != value) {
                    throw malformed(c, "Content-Length values differ (RFC 9110 §8.6): " + fields);
                }
                value = v;
            }
        }
        return value;
    }

    private static long digits(ProtocolConnection c, String s, String field) throws MalformedReplyException {
        if (s.isEmpty()) {
            throw malformed(c, "empty Content-Length value: \"" + Wire.escape(field) + "\"");
        }
        if (s.startsWith("-")) {
            throw malformed(c, "negative Content-Length: \"" + Wire.escape(field) + "\"");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                throw malformed(c, "Content-Length is digits only, not \"" + Wire.escape(field) + "\"");
            }
            if (v > (Long.MAX_VALUE - (ch - '0')) / 10) {
                throw malformed(c, "Content-Length overflows a 63-bit length: \"" + Wire.escape(field) + "\"");
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** Parses a chunk-size line: hex digits, then optional white space and extensions (ignored). */
    static long chunkSize(ProtocolConnection c, byte[] line) throws MalformedReplyException {
        int i = 0;
        long size = 0;
        while (i < line.length && hex(line[i]) >= 0) {
            if (i == MAX_CHUNK_SIZE_DIGITS) {
                throw malformed(c, "chunk size of more than " + MAX_CHUNK_SIZE_DIGITS + " hex digits", line);
            }
            size = size * 16 + hex(line[i]);
            i++;
        }
        if (i == 0) {
            throw malformed(c, "a chunk starts with its size in hex", line);
        }
        int rest = i;
        while (rest < line.length && (line[rest] == ' ' || line[rest] == '\t')) {
            rest++;
        }
        if (rest < line.length && line[rest] != ';') {
            throw malformed(c, "a chunk size is hex digits, then ';' and extensions", line);
        }
        for (int j = rest; j < line.length; j++) {
            if ((line[j] < 0x20 && line[j] != '\t') || line[j] == 0x7f) {
                throw malformed(c, "a control character in a chunk extension", line);
            }
        }
        return size;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    static MalformedReplyException malformed(ProtocolConnection c, String what) {
        return c.abandon(new MalformedReplyException("HTTP server " + c.peerName() + ": " + what));
    }

    static MalformedReplyException malformed(ProtocolConnection c, String what, byte[] line) {
        String text = new String(line, 0, Math.min(line.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
        return malformed(c, what + ": \"" + Wire.escape(text) + "\"");
    }

    /** The body reader for a decided framing. */
    static Body body(Connection k, Kind kind, boolean persistent) {
        if (kind.chunked()) {
            return new Chunked(k, persistent);
        }
        if (kind.length().isPresent()) {
            return new Fixed(k, kind.length().getAsLong(), persistent);
        }
        return new UntilClose(k);
    }

    /** A response body: framed, counted, and ending its exchange when read to its end or closed. */
    abstract static class Body extends InputStream {

        final Connection k;
        final ProtocolConnection c;
        private final boolean persistent;
        private boolean done;
        private boolean closed;
        private TransferProgress progress = TransferProgress.none();
        private long total = -1;
        long count;
        Headers trailers = Headers.of();

        Body(Connection k, boolean persistent) {
            this.k = k;
            this.c = k.conn;
            this.persistent = persistent;
        }

        /** Whether the body is known to be complete without another read. */
        boolean atEnd() {
            return false;
        }

        /** Reads up to {@code len} bytes of content; -1 at the body's end (after which trailers are known). */
        abstract int readSome(byte[] b, int off, int len) throws IOException;

        @Override
        public final int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public final int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (done) {
                return -1;
            }
            if (closed) {
                throw new IOException("the response body is closed");
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = readSome(b, off, len);
            } catch (IOException | RuntimeException e) {
                closed = true;
                k.discard();
                throw e;
            }
            if (n < 0) {
                finish();
                return -1;
            }
            count += n;
            if (atEnd()) {
                // At once, so the connection is back in the pool before the caller asks for -1.
                finish();
            } else {
                progress.progress(count, total);
            }
            return n;
        }

        /** The body was read to its end: the exchange is over. */
        final void finish() {
            if (!done) {
                done = true;
                progress.progress(count, total);
                k.complete(persistent);
            }
        }

        final Headers trailers() {
            if (!done) {
                throw new IllegalStateException("trailers are known once the body has been read to its end");
            }
            return trailers;
        }

        final void progress(TransferProgress p, long total) {
            this.progress = p;
            this.total = total;
        }

        final <E extends IOException> E fail(E failure) {
            closed = true;
            k.discard();
            return c.abandon(failure);
        }

        @Override
        public final void close() {
            if (!closed && !done) {
                closed = true;
                k.discard();
            }
            closed = true;
        }
    }

    /** No body (HEAD, 204, 304, {@code Content-Length: 0}). */
    static final class Empty extends Body {
        Empty(Connection k, boolean persistent) {
            super(k, persistent);
            finish();
        }

        @Override
        int readSome(byte[] b, int off, int len) {
            return -1;
        }
    }

    /** Exactly {@code length} bytes. */
    static final class Fixed extends Body {
        private final long length;

        Fixed(Connection k, long length, boolean persistent) {
            super(k, persistent);
            this.length = length;
            if (length == 0) {
                finish();
            }
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            long left = length - count;
            if (left == 0) {
                return -1;
            }
            int n = c.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), c.readDeadline());
            if (n < 0) {
                throw c.abandon(new TruncatedTransferException("response body of Content-Length " + length, count));
            }
            return n;
        }

        @Override
        boolean atEnd() {
            return count == length;
        }
    }

    /** Chunked (RFC 9112 §7.1), its trailer section read with the core's header-block reader. */
    static final class Chunked extends Body {
        private long left;
        private boolean last;

        Chunked(Connection k, boolean persistent) {
            super(k, persistent);
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            if (last) {
                return -1;
            }
            if (left == 0) {
                if (count > 0 || startedChunks) {
                    chunkEnd();
                }
                startedChunks = true;
                byte[] line = c.readLine(c.limits().replyLine(), c.readDeadline(), "chunk size line");
                if (line == null) {
                    throw c.abandon(new TruncatedTransferException("chunked response body (no last chunk)", count));
                }
                left = chunkSize(c, line);
                if (left == 0) {
                    last = true;
                    trailers = Headers.received(trailerFields());
                    return -1;
                }
            }
            int n = c.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), c.readDeadline());
            if (n < 0) {
                throw c.abandon(new TruncatedTransferException("chunked response body (inside a chunk)", count));
            }
            left -= n;
            return n;
        }

        private boolean startedChunks;

        private void chunkEnd() throws IOException {
            ByteBuffer crlf = ByteBuffer.allocate(2);
            while (crlf.hasRemaining()) {
                if (c.read(crlf, c.readDeadline()) < 0) {
                    throw c.abandon(new TruncatedTransferException("chunked response body (no last chunk)", count));
                }
            }
            if (crlf.get(0) != '\r' || crlf.get(1) != '\n') {
                throw malformed(c, "a chunk's data ends with CRLF", crlf.array());
            }
        }

        private List<HeaderField> trailerFields() throws IOException {
            return HeaderBlock.read(c, HeaderBlock.Folding.REFUSE);
        }
    }

    /** Until the server closes (HTTP/1.0, or no length): over TLS the TLS layer insists on close_notify. */
    static final class UntilClose extends Body {
        UntilClose(Connection k) {
            super(k, false);
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            return c.read(ByteBuffer.wrap(b, off, len), c.readDeadline());
        }
    }
}
