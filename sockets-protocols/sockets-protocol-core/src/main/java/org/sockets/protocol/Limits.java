package org.sockets.protocol;

/**
 * How much a client accepts from a server before it gives up with a
 * {@link LimitExceededException}. Memory stays flat past a limit: at most the limit plus one
 * buffer read is ever taken from the connection, and a size the server claims is never allocated.
 *
 * <p>Each limit is a client option with these defaults:
 * <ul>
 * <li>{@code replyLine} 8 KiB: one line of a reply or status ({@code +OK}, {@code 250-...});</li>
 * <li>{@code bodyLine} 1 MiB: one line inside a message body (RETR, ARTICLE); real mail has
 *     lines far over poplib's 2,048;</li>
 * <li>{@code multiLineReply} 1 MiB: a whole multi-line reply or listing held in memory;</li>
 * <li>{@code headerBlock} 64 KiB and {@code headerFields} 100: a header block;</li>
 * <li>{@code inMemoryBody} 16 MiB: a body returned as bytes rather than streamed.</li>
 * </ul>
 *
 * @param replyLine      bytes in one reply line, without its CRLF
 * @param bodyLine       bytes in one line of a body, without its CRLF
 * @param multiLineReply bytes in a whole multi-line reply, CRLFs included
 * @param headerBlock    bytes in a header block, CRLFs included
 * @param headerFields   fields in a header block
 * @param inMemoryBody   bytes of a body held in memory
 */
public record Limits(int replyLine, int bodyLine, int multiLineReply, int headerBlock, int headerFields,
                     int inMemoryBody) {

    /** Checks every limit is at least 1 (and a line fits in its block). */
    public Limits {
        positive("replyLine", replyLine);
        positive("bodyLine", bodyLine);
        positive("multiLineReply", multiLineReply);
        positive("headerBlock", headerBlock);
        positive("headerFields", headerFields);
        positive("inMemoryBody", inMemoryBody);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("limit " + name + " must be at least 1, not " + value);
        }
    }

    /**
     * The defaults: reply line 8 KiB, body line 1 MiB, multi-line reply 1 MiB, header block
     * 64 KiB and 100 fields, in-memory body 16 MiB.
     *
     * @return the default limits
     */
    public static Limits defaults() {
        return new Limits(8 * 1024, 1024 * 1024, 1024 * 1024, 64 * 1024, 100, 16 * 1024 * 1024);
    }

    /**
     * A copy with another reply-line limit.
     *
     * @param bytes at least 1
     * @return the copy
     */
    public Limits withReplyLine(int bytes) {
        return new Limits(bytes, bodyLine, multiLineReply, headerBlock, headerFields, inMemoryBody);
    }

    /**
     * A copy with another body-line limit.
     *
     * @param bytes at least 1
     * @return the copy
     */
    public Limits withBodyLine(int bytes) {
        return new Limits(replyLine, bytes, multiLineReply, headerBlock, headerFields, inMemoryBody);
    }

    /**
     * A copy with another multi-line reply limit.
     *
     * @param bytes at least 1
     * @return the copy
     */
    public Limits withMultiLineReply(int bytes) {
        return new Limits(replyLine, bodyLine, bytes, headerBlock, headerFields, inMemoryBody);
    }

    /**
     * A copy with other header-block limits.
     *
     * @param bytes  at least 1
     * @param fields at least 1
     * @return the copy
     */
    public Limits withHeaderBlock(int bytes, int fields) {
        return new Limits(replyLine, bodyLine, multiLineReply, bytes, fields, inMemoryBody);
    }

    /**
     * A copy with another in-memory body limit.
     *
     * @param bytes at least 1
     * @return the copy
     */
    public Limits withInMemoryBody(int bytes) {
        return new Limits(replyLine, bodyLine, multiLineReply, headerBlock, headerFields, bytes);
    }
}
