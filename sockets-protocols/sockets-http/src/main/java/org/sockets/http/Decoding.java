package org.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.TruncatedTransferException;

/**
 * Undoes {@code Content-Encoding} as a stream (RFC 9110 §8.4): gzip (RFC 1952, every member,
 * CRC-32 and length checked) and deflate (RFC 1950 zlib, or the raw RFC 1951 stream some servers
 * send, told apart by the zlib header as browsers and urllib3 do). Each coding in a chain checks
 * its own output against the size limit and against the ratio to the bytes received, so neither
 * a bomb nor a chain that blows up in its middle layer gets past the limits; memory is one input
 * buffer and one {@link Inflater} per coding.
 */
final class Decoding {

    /** A gzip header's name or comment longer than this is not a name (RFC 1952 sets no bound). */
    private static final int MAX_HEADER_TEXT = 64 * 1024;

    private Decoding() {
    }

    /**
     * The content of {@code raw} with the response's content codings undone, or {@code raw} itself
     * when there are none. A chain too long or an unknown coding fails on the first read, so the
     * raw body stays readable.
     *
     * @param raw      the body as framed on the wire
     * @param received the count of bytes read from {@code raw} so far
     */
    static InputStream open(InputStream raw, LongSupplier received, Headers headers, ContentDecoding limits) {
        List<String> codings = new ArrayList<>();
        for (String field : headers.all("Content-Encoding")) {
            for (String part : field.split(",")) {
                String coding = part.strip().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity")) {
                    codings.add(coding);
                }
            }
        }
        if (codings.isEmpty()) {
            return raw;
        }
        if (codings.size() > limits.maxCodings()) {
            return new Refused(raw, new LimitExceededException("content codings in one chain (Content-Encoding: "
                    + Wire.escape(String.join(", ", headers.all("Content-Encoding"))) + ")", limits.maxCodings()));
        }
        InputStream in = raw;
        // The codings are listed in the order they were applied: undo the last first.
        for (int i = codings.size() - 1; i >= 0; i--) {
            String coding = codings.get(i);
            switch (coding) {
                case "gzip", "x-gzip" -> in = new Inflating(in, true, coding, received, limits);
                case "deflate" -> in = new Inflating(in, false, coding, received, limits);
                default -> {
                    return new Refused(raw, new MalformedReplyException("content coding '" + Wire.escape(coding)
                            + "' is not one this client undoes (gzip, deflate): read rawBody() instead"));
                }
            }
        }
        return in;
    }

    /** A body that cannot be decoded: every read throws the reason; closing closes the raw body. */
    private static final class Refused extends InputStream {
        private final InputStream raw;
        private final IOException reason;

        Refused(InputStream raw, IOException reason) {
            this.raw = raw;
            this.reason = reason;
        }

        @Override
        public int read() throws IOException {
            throw reason;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throw reason;
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /** One coding undone: gzip members or one deflate stream. */
    static final class Inflating extends InputStream {
        private final InputStream in;
        private final boolean gzip;
        private final String coding;
        private final LongSupplier received;
        private final ContentDecoding limits;
        private final byte[] buf = new byte[8192];
        private final CRC32 crc = new CRC32();
        /** Input not yet given to the inflater or the header parser: buf[pos, lim). */
        private int pos;
        private int lim;
        private Inflater inflater;
        private long out;
        private long memberOut;
        private boolean started;
        private boolean eof;
        private boolean closed;

        Inflating(InputStream in, boolean gzip, String coding, LongSupplier received, ContentDecoding limits) {
            this.in = in;
            this.gzip = gzip;
            this.coding = coding;
            this.received = received;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("the decoded body is closed");
            }
            if (eof) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (!started) {
                started = true;
                // An empty body (Content-Length: 0 with a coding) is empty content, not a truncated stream.
                if (fill() < 0) {
                    eof = true;
                    return -1;
                }
                start();
            }
            while (true) {
                // finished() first: a finished inflater also says it needs input.
                if (inflater.finished()) {
                    pos = lim - inflater.getRemaining();
                    endOfStream();
                    if (eof) {
                        return -1;
                    }
                    continue;
                }
                if (inflater.needsInput()) {
                    if (pos == lim && fill() < 0) {
                        throw new TruncatedTransferException(coding + " content (the stream ended before its end)", out);
                    }
                    inflater.setInput(buf, pos, lim - pos);
                    pos = lim;
                }
                int n;
                try {
                    n = inflater.inflate(b, off, len);
                } catch (DataFormatException e) {
                    throw new MalformedReplyException("corrupt " + coding + " content after " + out + " bytes: " + e.getMessage());
                }
                if (n > 0) {
                    account(n);
                    if (gzip) {
                        crc.update(b, off, n);
                    }
                    return n;
                }
                if (inflater.needsDictionary()) {
                    throw new MalformedReplyException(coding + " content asks for a preset dictionary, which HTTP has no way to give");
                }
            }
        }

        private void account(int n) throws LimitExceededException {
            out += n;
            memberOut += n;
            if (out > limits.maxSize()) {
                throw new LimitExceededException("decoded " + coding + " content in bytes", limits.maxSize());
            }
            if (out > ContentDecoding.RATIO_FLOOR && out > received.getAsLong() * limits.maxRatio()) {
                throw new LimitExceededException("decoded " + coding + " content (" + out + " bytes from "
                        + received.getAsLong() + " received: a decompression bomb?) in bytes per byte received",
                        limits.maxRatio());
            }
        }

        /** Reads the stream's header and makes its inflater. */
        private void start() throws IOException {
            if (gzip) {
                gzipHeader();
                newInflater(true);
                crc.reset();
                memberOut = 0;
                return;
            }
            // zlib (RFC 1950) if the first two bytes are a zlib header, else a raw deflate stream.
            int b0 = peek(0);
            int b1 = peek(1);
            boolean zlib = b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
            newInflater(!zlib);
        }

        private void newInflater(boolean nowrap) {
            if (inflater != null) {
                inflater.end();
            }
            inflater = new Inflater(nowrap);
        }

        private void endOfStream() throws IOException {
            if (gzip) {
                long crcSent = next() | next() << 8 | next() << 16 | (long) next() << 24;
                long size = next() | next() << 8 | next() << 16 | (long) next() << 24;
                if (crcSent != crc.getValue()) {
                    throw new MalformedReplyException("gzip content fails its CRC-32 check after " + out + " bytes");
                }
                if (size != (memberOut & 0xffffffffL)) {
                    throw new MalformedReplyException("gzip content's trailer gives length " + size + ", not the "
                            + memberOut + " bytes decoded (modulo 2^32)");
                }
                if (pos == lim && fill() < 0) {
                    eof = true;
                    return;
                }
                start(); // another member (RFC 1952 §2.2)
                return;
            }
            if (pos < lim || fill() >= 0) {
                throw new MalformedReplyException("bytes follow the end of the deflate content");
            }
            eof = true;
        }

        private void gzipHeader() throws IOException {
            if (next() != 0x1f || next() != 0x8b) {
                throw new MalformedReplyException("gzip content does not start with the gzip magic bytes 1f 8b");
            }
            if (next() != 8) {
                throw new MalformedReplyException("gzip content uses a compression method other than deflate");
            }
            int flags = next();
            if ((flags & 0xe0) != 0) {
                throw new MalformedReplyException("gzip header sets reserved flags: 0x" + Integer.toHexString(flags));
            }
            for (int i = 0; i < 6; i++) {
                next(); // MTIME, XFL, OS
            }
            if ((flags & 4) != 0) {
                int extra = next() | next() << 8;
                for (int i = 0; i < extra; i++) {
                    next();
                }
            }
            for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
                if ((flags & bit) != 0) {
                    int n = 0;
                    while (next() != 0) {
                        if (++n > MAX_HEADER_TEXT) {
                            throw new MalformedReplyException("gzip header name or comment over " + MAX_HEADER_TEXT + " bytes");
                        }
                    }
                }
            }
            if ((flags & 2) != 0) {
                next();
                next(); // FHCRC
            }
        }

        private int next() throws IOException {
            if (pos == lim && fill() < 0) {
                throw new TruncatedTransferException(coding + " content (the stream ended inside a header or trailer)", out);
            }
            return buf[pos++] & 0xff;
        }

        /** The byte {@code i} ahead without consuming it (i is 0 or 1), or -1 at the end. */
        private int peek(int i) throws IOException {
            while (lim - pos <= i) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, lim - pos);
                    lim -= pos;
                    pos = 0;
                }
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    return -1;
                }
                lim += n;
            }
            return buf[pos + i] & 0xff;
        }

        /** Refills the buffer once the inflater and parser used it all; -1 at the end of the input. */
        private int fill() throws IOException {
            pos = 0;
            lim = 0;
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return -1;
            }
            lim = n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (inflater != null) {
                    inflater.end();
                }
                in.close();
            }
        }
    }
}
