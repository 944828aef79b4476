package org.sockets.tls;

import java.io.Serial;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;

/**
 * The peer's certificate failed verification: one type for every reason, with the reason named
 * and the JDK's own exception as the cause (Python's {@code ssl.SSLCertVerificationError} with its
 * {@code verify_message}).
 *
 * {@snippet :
 * try {
 *     Tls.client(tcp, TlsOptions.defaults().withPeerHost("example.org"));
 * } catch (TlsVerificationException e) {
 *     if (e.reason() == TlsVerificationException.Reason.HOST_NAME) {
 *         // the certificate is valid but names another host
 *     }
 * }
 * }
 */
public final class TlsVerificationException extends SSLHandshakeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    public enum Reason {
        /** The certificate does not name the host (or IP address) that was asked for. */
        HOST_NAME,
        /** The certificate, or one in its chain, has expired. */
        EXPIRED,
        /** The certificate, or one in its chain, is not valid yet. */
        NOT_YET_VALID,
        /** No trusted certificate authority vouches for the chain (self-signed, unknown CA). */
        UNTRUSTED,
        /** Another failure: a bad signature, a revoked certificate, a constraint not met. */
        OTHER
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason  why verification failed
     * @param message what failed, naming the peer
     * @param cause   the JDK's exception
     */
    public TlsVerificationException(Reason reason, String message, Throwable cause) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        initCause(cause);
    }

    /**
     * Why verification failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
