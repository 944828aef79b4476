package org.sockets.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sockets.api.Deadline;

/**
 * The header-block reader for HTTP (RFC 9112 §5) and mail (RFC 5322 §2.2) field lines, up to
 * the empty line that ends the block: bounded by the header-block limits (64 KiB and 100 fields by
 * default) and one read deadline.
 *
 * <p>A field name is a token followed at once by a colon (white space before the colon is refused,
 * RFC 9112 §5.1); values hold no control character but HTAB. A line starting with white space
 * continues the previous field: HTTP's obsolete line folding is refused ({@link Folding#REFUSE}),
 * mail's folding is undone ({@link Folding#UNFOLD}).
 */
public final class HeaderBlock {

    /** What a line starting with white space (a folded field) means. */
    public enum Folding {
        /** Refused as malformed: HTTP (RFC 9112 §5.2, obs-fold), where it smuggles headers. */
        REFUSE,
        /** Joined to the previous field's value: mail (RFC 5322 §2.2.3). */
        UNFOLD
    }

    private HeaderBlock() {
    }

    /**
     * Reads a header block.
     *
     * @param c       the connection, at the first field line
     * @param folding what to do with folded lines
     * @return the fields in order
     * @throws MalformedReplyException on a bad name, a control character, folding where refused
     * @throws LimitExceededException  past the header-block size or field count
     * @throws TruncatedTransferException if the server closed the connection inside the block
     * @throws IOException on I/O failures or timeout
     */
    public static List<HeaderField> read(ProtocolConnection c, Folding folding) throws IOException {
        Limits limits = c.limits();
        Deadline deadline = c.readDeadline();
        List<HeaderField> fields = new ArrayList<>();
        long used = 0;
        StringBuilder pendingValue = null;
        String pendingName = null;
        while (true) {
            long left = limits.headerBlock() - used - 2;
            if (left < 0) {
                throw c.abandon(new LimitExceededException("header block", limits.headerBlock()));
            }
            byte[] line = left == 0 ? emptyOrFail(c, deadline, limits) : c.readLine((int) left, deadline, "header block");
            if (line == null) {
                throw c.abandon(new TruncatedTransferException("header block", used));
            }
            used += line.length + 2L;
            c.logReceived(line);
            if (line.length == 0) {
                if (pendingName != null) {
                    fields.add(new HeaderField(pendingName, pendingValue.toString().strip()));
                }
                return fields;
            }
            checkControls(c, line);
            if (line[0] == ' ' || line[0] == '\t') {
                if (folding == Folding.REFUSE) {
                    throw Replies.malformed(c, "no folded header lines (obs-fold, RFC 9112 §5.2)", line);
                }
                if (pendingName == null) {
                    throw Replies.malformed(c, "a header block starts with a field name, not white space", line);
                }
                pendingValue.append(new String(line, StandardCharsets.UTF_8));
                continue;
            }
            if (pendingName != null) {
                fields.add(new HeaderField(pendingName, pendingValue.toString().strip()));
            }
            if (fields.size() >= limits.headerFields()) {
                throw c.abandon(new LimitExceededException("header fields in a block", limits.headerFields()));
            }
            int colon = nameEnd(line);
            if (colon <= 0 || line[colon] != ':') {
                throw Replies.malformed(c, "a header field is a token name, a colon and a value", line);
            }
            pendingName = new String(line, 0, colon, StandardCharsets.US_ASCII);
            pendingValue = new StringBuilder(new String(line, colon + 1, line.length - colon - 1, StandardCharsets.UTF_8));
        }
    }

    private static byte[] emptyOrFail(ProtocolConnection c, Deadline deadline, Limits limits) throws IOException {
        byte[] line = c.readLine(1, deadline, "header block");
        if (line != null && line.length > 0) {
            throw c.abandon(new LimitExceededException("header block", limits.headerBlock()));
        }
        return line;
    }

    /** Index of the first byte that is not a token character. */
    private static int nameEnd(byte[] line) {
        int i = 0;
        while (i < line.length && isTchar(line[i])) {
            i++;
        }
        return i == line.length ? -1 : i;
    }

    private static boolean isTchar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    private static void checkControls(ProtocolConnection c, byte[] line) throws MalformedReplyException {
        for (byte b : line) {
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                throw Replies.malformed(c, "no control characters in a header field", line);
            }
        }
    }
}
