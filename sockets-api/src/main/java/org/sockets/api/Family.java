package org.sockets.api;

/**
 * An address family, as Python's {@code AF_*} constants.
 */
public enum Family {
    /** IPv4 ({@code AF_INET}): addresses are (host, port). */
    INET,
    /** IPv6 ({@code AF_INET6}): addresses are (host, port) with an optional scope. */
    INET6,
    /** Local interprocess sockets ({@code AF_UNIX}): a path or a Linux abstract name. */
    UNIX
}
