package org.sockets.protocol;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sockets.api.Deadline;

/**
 * The reply readers: each reads one whole reply from a {@link ProtocolConnection}, bounded by one
 * {@link ProtocolConnection#readDeadline() read deadline} and by the {@link Limits}, logs it, and
 * closes the connection on anything malformed (the text after it could not be trusted).
 *
 * <ul>
 * <li>{@link #ftp} — RFC 959 §4.2: {@code 123-} opens a multi-line reply, whose intermediate lines
 *     are free text, and only {@code 123 } (same code, space) ends it;</li>
 * <li>{@link #smtp} — RFC 5321 §4.2.1: every line carries the same code, {@code 250-} then {@code 250 };</li>
 * <li>{@link #numeric} — a single status line with a code (NNTP, RFC 3977 §3.2);</li>
 * <li>{@link #pop3} — a single {@code +OK} / {@code -ERR} / {@code +} line (RFC 1939, RFC 5034).</li>
 * </ul>
 * Dot-terminated data and header blocks have their own readers: {@link DotBlock}, {@link HeaderBlock}.
 */
public final class Replies {

    private Replies() {
    }

    /**
     * Reads an FTP reply.
     *
     * @param c the connection
     * @return the reply; intermediate lines keep their text, minus a leading {@code "123-"} of the same code
     * @throws MalformedReplyException if a line has no valid code where one is required
     * @throws LimitExceededException  past the reply-line or multi-line limit
     * @throws TruncatedTransferException if the server closed the connection inside the reply
     * @throws IOException on I/O failures or timeout
     */
    public static Reply ftp(ProtocolConnection c) throws IOException {
        return multiLine(c, false, StandardCharsets.UTF_8);
    }

    /**
     * Reads an FTP reply whose text is in {@code charset}: ISO-8859-1 for a server without
     * {@code UTF8} in its {@code FEAT} (RFC 2640).
     *
     * @param c       the connection
     * @param charset the charset of the reply's text
     * @return the reply, as {@link #ftp(ProtocolConnection)}
     * @throws IOException as {@link #ftp(ProtocolConnection)}
     */
    public static Reply ftp(ProtocolConnection c, Charset charset) throws IOException {
        return multiLine(c, false, Objects.requireNonNull(charset, "charset"));
    }

    /**
     * Reads an SMTP (or LMTP) reply.
     *
     * @param c the connection
     * @return the reply, the text of each line without its code
     * @throws MalformedReplyException if a line has no code, another code, or a bad separator
     * @throws LimitExceededException  past the reply-line or multi-line limit
     * @throws TruncatedTransferException if the server closed the connection inside the reply
     * @throws IOException on I/O failures or timeout
     */
    public static Reply smtp(ProtocolConnection c) throws IOException {
        return multiLine(c, true, StandardCharsets.UTF_8);
    }

    /**
     * Reads a single status line with a three-digit code (NNTP).
     *
     * @param c the connection
     * @return the reply, one line
     * @throws MalformedReplyException if the line has no valid code
     * @throws IOException as {@link #ftp}
     */
    public static Reply numeric(ProtocolConnection c) throws IOException {
        byte[] line = first(c, c.readDeadline());
        int code = code(c, line);
        if (line.length > 3 && line[3] != ' ') {
            throw malformed(c, "a status line is a code, a space and text", line);
        }
        return new Reply(code, List.of(text(line, 4)));
    }

    /**
     * Reads a POP3 status line: {@code +OK}, {@code -ERR}, or the SASL continuation {@code +}.
     *
     * @param c the connection
     * @return the status and its text
     * @throws MalformedReplyException if the line starts with none of them
     * @throws IOException as {@link #ftp}
     */
    public static StatusReply pop3(ProtocolConnection c) throws IOException {
        byte[] line = first(c, c.readDeadline());
        for (String status : new String[] {"+OK", "-ERR", "+"}) {
            if (startsWith(line, status) && (line.length == status.length() || line[status.length()] == ' ')) {
                return new StatusReply(status, text(line, status.length() + 1));
            }
        }
        throw malformed(c, "a POP3 status line starts with +OK, -ERR or +", line);
    }

    private static Reply multiLine(ProtocolConnection c, boolean smtp, Charset charset) throws IOException {
        Limits limits = c.limits();
        Deadline deadline = c.readDeadline();
        byte[] line = first(c, deadline);
        int code = code(c, line);
        String prefix = Integer.toString(code);
        List<String> lines = new ArrayList<>();
        long total = line.length + 2L;
        while (true) {
            boolean coded;
            if (lines.isEmpty() || smtp) {
                if (code(c, line) != code) {
                    throw malformed(c, "every line of an SMTP reply carries the code " + code, line);
                }
                if (line.length > 3 && line[3] != ' ' && line[3] != '-') {
                    throw malformed(c, "a reply line has a space or '-' after its code", line);
                }
                coded = true;
            } else {
                // RFC 959 §4.2: intermediate lines are free text; only "<code> " ends the reply.
                coded = startsWith(line, prefix) && (line.length == 3 || line[3] == ' ' || line[3] == '-');
            }
            if (!coded) {
                lines.add(text(line, 0, charset));
            } else {
                lines.add(text(line, 4, charset));
                if (line.length == 3 || line[3] == ' ') {
                    return new Reply(code, lines);
                }
            }
            line = c.readLine(limits.replyLine(), deadline, "reply line");
            if (line == null) {
                throw c.abandon(new TruncatedTransferException("multi-line reply " + code, total));
            }
            c.logReceived(line);
            total += line.length + 2L;
            if (total > limits.multiLineReply()) {
                throw c.abandon(new LimitExceededException("multi-line reply " + code, limits.multiLineReply()));
            }
        }
    }

    static byte[] first(ProtocolConnection c, Deadline deadline) throws IOException {
        byte[] line = c.readLine(c.limits().replyLine(), deadline, "reply line");
        if (line == null) {
            throw c.abandon(new TruncatedTransferException("reply (the server closed the connection)", 0));
        }
        c.logReceived(line);
        return line;
    }

    /** The three-digit code at the start of the line, 100 to 599. */
    private static int code(ProtocolConnection c, byte[] line) throws MalformedReplyException {
        if (line.length < 3 || !digit(line[0], '1', '5') || !digit(line[1], '0', '9') || !digit(line[2], '0', '9')) {
            throw malformed(c, "a reply starts with a three-digit code from 100 to 599", line);
        }
        return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    }

    private static boolean digit(byte b, char low, char high) {
        return b >= low && b <= high;
    }

    static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String text(byte[] line, int from) {
        return text(line, from, StandardCharsets.UTF_8);
    }

    static String text(byte[] line, int from, Charset charset) {
        return from >= line.length ? "" : new String(line, from, line.length - from, charset);
    }

    static MalformedReplyException malformed(ProtocolConnection c, String expected, byte[] line) {
        return c.abandon(new MalformedReplyException("malformed reply from " + c.peerName() + ": " + expected
                + ", not \"" + Printable.escape(line, 0, Math.min(line.length, 200)) + "\""));
    }
}
