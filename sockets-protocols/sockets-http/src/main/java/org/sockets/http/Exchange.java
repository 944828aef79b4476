package org.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.sockets.api.Deadline;
import org.sockets.protocol.Direction;
import org.sockets.protocol.HeaderBlock;
import org.sockets.protocol.HeaderField;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.ProtocolException;
import org.sockets.protocol.TranscriptListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request and the head of its answer on one connection: write, 100-continue, 1xx, framing. */
final class Exchange {

    private static final Logger LOG = LoggerFactory.getLogger("org.sockets.http");
    /** Bodies up to this size go out in the same write as the header block. */
    private static final int COALESCE = 16 * 1024;
    private static final int CHUNK = 16 * 1024;

    private final Connection k;
    private final ProtocolConnection c;
    private final Request request;
    private final HttpOptions http;
    private final long receivedBefore;
    /** Fields whose values are secrets (Authorization, Proxy-Authorization): sent through the core's credential path. */
    private final List<BasicAuth.Line> credentials;
    /** The last failure of the connection itself (not of the caller's body source). */
    private IOException netFailure;

    private Exchange(Connection k, Request request, HttpOptions http, List<BasicAuth.Line> credentials) {
        this.k = k;
        this.credentials = credentials;
        this.c = k.conn;
        this.request = request;
        this.http = http;
        this.receivedBefore = k.channel.received();
    }

    /** Runs the exchange up to the response head; the body is the caller's to read. */
    static Response run(Connection k, Request request, HttpOptions http) throws IOException {
        return run(k, request, http, List.of());
    }

    /** Runs the exchange with secret header fields written just before the head's end. */
    static Response run(Connection k, Request request, HttpOptions http, List<BasicAuth.Line> credentials) throws IOException {
        k.exchanges++;
        k.conn.beginOperation();
        try {
            return new Exchange(k, request, http, credentials).run();
        } catch (IOException | RuntimeException | Error e) {
            k.discard();
            throw e;
        }
    }

    private Response run() throws IOException {
        RequestBody body = request.body();
        byte[] head = head(body);
        boolean holdBody = request.expectContinue() && !(body.length().orElse(-1) == 0);
        boolean bodySent = true;
        Head answer;
        try {
            if (body instanceof RequestBody.Bytes b && !holdBody && head.length + body.length().getAsLong() <= COALESCE) {
                byte[] bytes = b.bytes();
                byte[] all = Arrays.copyOf(head, head.length + bytes.length);
                System.arraycopy(bytes, 0, all, head.length, bytes.length);
                sendHead(all, head.length);
                logBody(bytes.length);
            } else {
                sendHead(head, head.length);
                if (holdBody) {
                    bodySent = false;
                    Deadline wait = Deadline.after(http.continueTimeout()).earlier(k.readDeadline());
                    if (k.channel.awaitReadable(wait)) {
                        Head first = readHead(true);
                        if (first.status == 100) {
                            writeBody(body);
                            bodySent = true;
                            answer = readHead(false);
                        } else {
                            answer = first;   // a final answer first: the body is never sent
                        }
                        return response(answer, bodySent);
                    }
                }
                writeBody(body);
                bodySent = true;
            }
            answer = readHead(false);
        } catch (IOException e) {
            throw noResponseIfSilent(e);
        }
        return response(answer, bodySent);
    }

    /** A failure before any byte of an answer, not a timeout nor a protocol error, means the server went away. */
    private IOException noResponseIfSilent(IOException e) {
        if (e instanceof NoResponseException) {
            return e;
        }
        if (e == netFailure && k.channel.received() == receivedBefore && !(e instanceof SocketTimeoutException)
                && !(e instanceof ProtocolException)) {
            c.abandon(e);
            return new NoResponseException(request.method() + " " + request.uri(), k.reused(), e);
        }
        return e;
    }

    private Response response(Head h, boolean bodySent) throws IOException {
        Framing.Kind kind = Framing.decide(c, request.method(), h.status, h.headers);
        boolean persistent = bodySent && h.http11 && !kind.closeDelimited() && !hasToken(h.headers, "Connection", "close");
        Framing.Body body = kind.length().isPresent() && kind.length().getAsLong() == 0
                ? new Framing.Empty(k, persistent) : Framing.body(k, kind, persistent);
        return new Response(request, h.http11 ? "HTTP/1.1" : "HTTP/1.0", h.status, h.reason, h.headers, kind.length(), body,
                http.errorBodyStart(), c.limits().inMemoryBody());
    }

    static boolean hasToken(Headers headers, String name, String token) {
        for (String v : headers.all(name)) {
            for (String t : v.split(",")) {
                if (t.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- writing

    private byte[] head(RequestBody body) {
        StringBuilder b = new StringBuilder(256);
        b.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        Headers h = request.headers();
        if (!h.contains("Host")) {
            b.append("Host: ").append(Wire.hostHeader(request.uri())).append("\r\n");
        }
        if (!h.contains("User-Agent") && http.userAgent().isPresent()) {
            b.append("User-Agent: ").append(http.userAgent().get()).append("\r\n");
        }
        for (HeaderField f : h.fields()) {
            b.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        if (body instanceof RequestBody.Chunked) {
            b.append("Transfer-Encoding: chunked\r\n");
        } else {
            long n = body.length().orElseThrow();
            // RFC 9110 §8.6: no Content-Length on a request without content unless the method expects some.
            if (n > 0 || !(body instanceof RequestBody.Empty) || expectsContent(request.method())) {
                b.append("Content-Length: ").append(n).append("\r\n");
            }
        }
        if (request.expectContinue() && body.length().orElse(-1) != 0) {
            b.append("Expect: 100-continue\r\n");
        }
        b.append("\r\n");
        String text = b.toString();
        logHead(text);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean expectsContent(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private void logHead(String text) {
        TranscriptListener t = c.options().transcript();
        boolean transcript = t != TranscriptListener.none();
        if (!LOG.isDebugEnabled() && !transcript) {
            return;
        }
        for (String line : text.substring(0, text.length() - 4).split("\r\n")) {
            LOG.debug("C: {}", line);
            t.line(Direction.SENT, line);
        }
        if (credentials.isEmpty()) { // else the credential fields come first (sendHead)
            logBlank();
        }
    }

    /**
     * Writes the head (and body bytes coalesced after it); secret fields go through the core's
     * credential path (masked in logs, zeroed, refused in clear without the opt-in) just before
     * the head's final CRLF.
     */
    private void sendHead(byte[] b, int headLength) throws IOException {
        if (credentials.isEmpty()) {
            send(b, 0, b.length);
            return;
        }
        send(b, 0, headLength - 2);
        for (BasicAuth.Line line : credentials) {
            try {
                line.send(c);
            } catch (IOException e) {
                netFailure = e;
                throw e;
            }
        }
        logBlank();
        send(b, headLength - 2, b.length - (headLength - 2));
    }

    private void logBlank() {
        LOG.debug("C: ");
        c.options().transcript().line(Direction.SENT, "");
    }

    /** Writes to the connection, remembering a failure as the connection's own. */
    private void send(byte[] b, int off, int len) throws IOException {
        try {
            k.write(b, off, len);
        } catch (IOException e) {
            netFailure = e;
            throw e;
        }
    }

    private void logBody(long n) {
        if (n > 0) {
            c.logData(Direction.SENT, n + " bytes of body");
        }
    }

    private void writeBody(RequestBody body) throws IOException {
        switch (body) {
            case RequestBody.Empty e -> { }
            case RequestBody.Bytes b -> {
                byte[] bytes = b.bytes();
                send(bytes, 0, bytes.length);
                logBody(bytes.length);
            }
            case RequestBody.Sized s -> writeSized(s.in(), s.size());
            case RequestBody.Chunked ch -> {
                ChunkedOut out = new ChunkedOut();
                ch.writer().writeTo(out);
                out.finish();
            }
        }
    }

    private void writeSized(InputStream in, long size) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(size, 1), 64 * 1024)];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw c.abandon(new IOException("request body ended after " + (size - left) + " of its declared "
                        + size + " bytes; the connection was closed"));
            }
            send(buf, 0, n);
            left -= n;
        }
        if (in.read() >= 0) {
            throw c.abandon(new IOException("request body is longer than its declared " + size
                    + " bytes; the connection was closed"));
        }
        logBody(size);
    }

    /** The chunked request body: chunks of up to 16 KiB; closing it does not end the body, finish() does. */
    private final class ChunkedOut extends OutputStream {
        private final byte[] buf = new byte[CHUNK + 32];
        private int n = 0;
        private long total;
        private boolean finished;

        private static final int ROOM = 10; // "4000\r\n" at most, reserved before the data

        ChunkedOut() {
            n = ROOM;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (finished) {
                throw new IOException("the chunked request body was already finished");
            }
            while (len > 0) {
                int take = Math.min(len, ROOM + CHUNK - n);
                System.arraycopy(b, off, buf, n, take);
                n += take;
                off += take;
                len -= take;
                if (n == ROOM + CHUNK) {
                    flushChunk();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (n > ROOM) {
                flushChunk();
            }
        }

        private void flushChunk() throws IOException {
            int size = n - ROOM;
            byte[] prefix = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int start = ROOM - prefix.length;
            System.arraycopy(prefix, 0, buf, start, prefix.length);
            buf[n++] = '\r';
            buf[n++] = '\n';
            send(buf, start, n - start);
            total += size;
            n = ROOM;
        }

        void finish() throws IOException {
            flush();
            finished = true;
            send("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, 5);
            logBody(total);
        }
    }

    // ---------------------------------------------------------------- reading

    private record Head(boolean http11, int status, String reason, Headers headers) {
    }

    /** Reads answers up to a final one (or a 100 when {@code stopAt100}), skipping other 1xx, at most maxInformational. */
    private Head readHead(boolean stopAt100) throws IOException {
        int informational = 0;
        while (true) {
            byte[] line;
            try {
                line = c.readLine(c.limits().replyLine(), c.readDeadline(), "status line");
            } catch (IOException e) {
                netFailure = e;
                throw e;
            }
            if (line == null) {
                if (k.channel.received() == receivedBefore) {
                    throw c.abandon(new NoResponseException(request.method() + " " + request.uri(), k.reused(), null));
                }
                throw c.abandon(new org.sockets.protocol.TruncatedTransferException("HTTP response head", 0));
            }
            c.logReceived(line);
            Head h = statusLine(line);
            List<HeaderField> fields = HeaderBlock.read(c, HeaderBlock.Folding.REFUSE);
            h = new Head(h.http11, h.status, h.reason, Headers.received(fields));
            if (h.status >= 200) {
                return h;
            }
            if (h.status == 101) {
                throw Framing.malformed(c, "101 Switching Protocols to a request that asked for no upgrade");
            }
            if (stopAt100 && h.status == 100) {
                return h;
            }
            if (++informational > http.maxInformational()) {
                throw c.abandon(new LimitExceededException("informational (1xx) responses before the final one", http.maxInformational()));
            }
        }
    }

    private Head statusLine(byte[] line) throws IOException {
        // "HTTP/1.x SP 3DIGIT [SP reason]" (RFC 9112 §4); a missing reason is tolerated as Python does.
        if (line.length < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
                || line[5] != '1' || line[6] != '.' || line[7] < '0' || line[7] > '9' || line[8] != ' '
                || !digit(line[9]) || !digit(line[10]) || !digit(line[11]) || (line.length > 12 && line[12] != ' ')) {
            throw Framing.malformed(c, "a status line is HTTP/1.x, a space and three digits", line);
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (status < 100) {
            throw Framing.malformed(c, "a status code is 100 to 999", line);
        }
        String reason = line.length > 13 ? new String(line, 13, line.length - 13, StandardCharsets.ISO_8859_1) : "";
        for (int i = 0; i < reason.length(); i++) {
            char ch = reason.charAt(i);
            if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                throw Framing.malformed(c, "a control character in the reason phrase", line);
            }
        }
        return new Head(line[7] != '0', status, reason, Headers.of());
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
