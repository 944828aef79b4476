package org.sockets.ftp;

/** The representation type of transfers ({@code TYPE}, RFC 959 §3.1.1). */
public enum TransferType {
    /** {@code TYPE I}: bytes as they are. The default. */
    BINARY,
    /**
     * {@code TYPE A}: text; the client sends CRLF line ends and hands the caller LF, as Python's
     * {@code storlines} / {@code retrlines} do.
     */
    ASCII
}
