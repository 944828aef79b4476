package org.sockets.protocol;

/**
 * How a client uses TLS. Unset ({@link ClientOptions#tlsMode()} empty), a client with credentials
 * uses {@link #STARTTLS} unless the caller opted into plain text, and {@link #NONE} otherwise.
 */
public enum TlsMode {
    /**
     * Connect in plain text, then upgrade (STLS, STARTTLS, AUTH TLS) before anything else; fail
     * if the server does not offer the upgrade, refuses it or skips ahead. The default whenever
     * credentials are set.
     */
    STARTTLS,
    /** TLS from the first byte (the {@code …s} schemes: pop3s, imaps, ftps, https). */
    IMPLICIT,
    /**
     * No TLS. Only without credentials, or with the plain-text opt-in
     * ({@link ClientOptions#withPlainTextCredentials()}).
     */
    NONE
}
