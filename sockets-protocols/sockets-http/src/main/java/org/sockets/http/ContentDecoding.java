package org.sockets.http;

/**
 * Whether the client asks for compressed bodies and undoes {@code Content-Encoding} (curl's
 * {@code --compressed}), and the limits that keep a decompression bomb from taking the process.
 *
 * <p>When {@link #enabled()}, a request without an {@code Accept-Encoding} field gets
 * {@code Accept-Encoding: gzip, deflate}, and {@link Response#body()} (so {@code bytes()} and
 * {@code text()}) gives the content with {@code gzip}, {@code x-gzip} and {@code deflate} undone,
 * in the order the field lists them; {@link Response#rawBody()} still gives the bytes as they came.
 * Decoding streams: memory stays flat whatever the body's size. It stops with a
 * {@link org.sockets.protocol.LimitExceededException} once the output of any coding passes
 * {@link #maxSize()} bytes, or passes {@link #maxRatio()} times the bytes received (checked once
 * the output passes {@link #RATIO_FLOOR}, so small bodies that compress well pass), and refuses a
 * chain of more than {@link #maxCodings()} codings before reading any byte. A coding other than
 * those three, or a corrupt stream, is a {@link org.sockets.protocol.MalformedReplyException}.
 *
 * {@snippet :
 * HttpOptions http = HttpOptions.defaults().withDecoding(ContentDecoding.on().withMaxSize(256L << 20));
 * }
 *
 * @param enabled    ask for and undo content codings. Default false
 * @param maxCodings codings in one {@code Content-Encoding} chain. Default 2
 * @param maxSize    bytes one coding may produce. Default 1 GiB
 * @param maxRatio   output bytes per byte received. Default 100
 */
public record ContentDecoding(boolean enabled, int maxCodings, long maxSize, int maxRatio) {

    /** Output below this many bytes is never held against the ratio limit (1 MiB). */
    public static final long RATIO_FLOOR = 1 << 20;

    private static final ContentDecoding OFF = new ContentDecoding(false, 2, 1L << 30, 100);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is below 1
     */
    public ContentDecoding {
        if (maxCodings < 1) {
            throw new IllegalArgumentException("maxCodings must be at least 1, not " + maxCodings);
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1, not " + maxSize);
        }
        if (maxRatio < 1) {
            throw new IllegalArgumentException("maxRatio must be at least 1, not " + maxRatio);
        }
    }

    /**
     * No decoding (the default): nothing is asked for, bodies come as sent.
     *
     * @return the setting
     */
    public static ContentDecoding off() {
        return OFF;
    }

    /**
     * Decoding with the default limits: at most 2 codings, 1 GiB, ratio 100.
     *
     * @return the setting
     */
    public static ContentDecoding on() {
        return new ContentDecoding(true, OFF.maxCodings, OFF.maxSize, OFF.maxRatio);
    }

    /**
     * A copy with another chain limit.
     *
     * @param n at least 1
     * @return the copy
     */
    public ContentDecoding withMaxCodings(int n) {
        return new ContentDecoding(enabled, n, maxSize, maxRatio);
    }

    /**
     * A copy with another output size limit.
     *
     * @param bytes at least 1
     * @return the copy
     */
    public ContentDecoding withMaxSize(long bytes) {
        return new ContentDecoding(enabled, maxCodings, bytes, maxRatio);
    }

    /**
     * A copy with another ratio limit.
     *
     * @param ratio output bytes per byte received, at least 1
     * @return the copy
     */
    public ContentDecoding withMaxRatio(int ratio) {
        return new ContentDecoding(enabled, maxCodings, maxSize, ratio);
    }
}
