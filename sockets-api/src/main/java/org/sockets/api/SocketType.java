package org.sockets.api;

/**
 * A socket type, as Python's {@code SOCK_*} constants.
 */
public enum SocketType {
    /** A reliable, ordered byte stream with connections ({@code SOCK_STREAM}: TCP, Unix stream). */
    STREAM,
    /** Connectionless datagrams with boundaries kept ({@code SOCK_DGRAM}: UDP, Unix datagram). */
    DGRAM,
    /** Reliable, ordered datagrams over a connection ({@code SOCK_SEQPACKET}: Unix only on Linux). */
    SEQPACKET
}
