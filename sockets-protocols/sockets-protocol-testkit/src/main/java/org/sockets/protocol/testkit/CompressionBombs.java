package org.sockets.protocol.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Compressed bodies for a hostile server to send: a gzip bomb (a small body that decodes to a
 * huge one) and a content-coding chain, made with the JDK's own {@link GZIPOutputStream}.
 */
public final class CompressionBombs {

    /** Zeros per gzip member of a bomb: 16 MiB decode from about 16 KiB. */
    private static final int MEMBER = 16 << 20;

    private CompressionBombs() {
    }

    /**
     * A gzip body that decodes to {@code decoded} zero bytes (rounded up to 16 MiB): one member
     * of 16 MiB of zeros repeated (RFC 1952 allows several members), so even gigabytes cost only
     * a few hundred kilobytes and no time to make.
     *
     * @param decoded the decoded size wanted, at least 1
     * @return the gzip bytes
     */
    public static byte[] gzipOfZeros(long decoded) {
        if (decoded < 1) {
            throw new IllegalArgumentException("decoded must be at least 1, not " + decoded);
        }
        byte[] member = gzip(new byte[MEMBER]);
        long members = (decoded + MEMBER - 1) / MEMBER;
        if (members * member.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a bomb of " + decoded + " bytes does not fit in an array");
        }
        byte[] out = new byte[(int) (members * member.length)];
        for (int i = 0; i < members; i++) {
            System.arraycopy(member, 0, out, i * member.length, member.length);
        }
        return out;
    }

    /**
     * {@code content} gzipped {@code times} times over, for {@code Content-Encoding: gzip, gzip, ...}.
     *
     * @param content the innermost content
     * @param times   how many codings, at least 1
     * @return the coded bytes
     */
    public static byte[] gzipChain(byte[] content, int times) {
        byte[] b = content;
        for (int i = 0; i < times; i++) {
            b = gzip(b);
        }
        return b;
    }

    /**
     * {@code content} gzipped once.
     *
     * @param content the content
     * @return the gzip bytes
     */
    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 100 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
