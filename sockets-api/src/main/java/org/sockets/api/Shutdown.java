package org.sockets.api;

/**
 * Which direction {@link Endpoint#shutdown(Shutdown)} closes, as Python's {@code SHUT_*} constants.
 */
public enum Shutdown {
    /** No more receiving ({@code SHUT_RD}). */
    READ,
    /** No more sending; the peer reads end-of-stream ({@code SHUT_WR}): a half-close. */
    WRITE,
    /** Both directions ({@code SHUT_RDWR}). */
    BOTH
}
