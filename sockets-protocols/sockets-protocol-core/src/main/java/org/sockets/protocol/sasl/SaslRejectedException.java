package org.sockets.protocol.sasl;

import java.util.Optional;
import org.sockets.protocol.ProtocolException;

/**
 * The server refused a SASL login: a wrong secret, an unknown user, a mechanism it would not
 * complete. Carries the reply's code and text as {@code NegativeReplyException} does (so the
 * protocol core can make it one), and, for mechanisms whose servers explain in a challenge first
 * (OAUTHBEARER's JSON error, SCRAM's {@code e=}), that explanation.
 */
public class SaslRejectedException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The mechanism tried. */
    private final SaslMechanism mechanism;
    /** The reply's code as the server wrote it. */
    private final String code;
    /** The reply's text after the code. */
    private final String text;
    /** The mechanism-level error, or null. */
    private final String mechanismError;

    /**
     * An exception for a refusal.
     *
     * @param mechanism      the mechanism tried
     * @param code           the reply's code as the server wrote it ({@code "-ERR"}, {@code "NO"}, {@code "535"})
     * @param text           the reply's text after the code
     * @param mechanismError the mechanism-level error the server sent before, or {@code null}
     */
    public SaslRejectedException(SaslMechanism mechanism, String code, String text, String mechanismError) {
        super("AUTH " + mechanism + " refused: " + code + " " + text + (mechanismError == null ? "" : " (" + mechanismError + ")"));
        this.mechanism = mechanism;
        this.code = code;
        this.text = text;
        this.mechanismError = mechanismError;
    }

    /** {@return the mechanism that was refused} */
    public SaslMechanism mechanism() {
        return mechanism;
    }

    /** {@return the reply's code as the server wrote it, e.g. {@code "-ERR"}} */
    public String code() {
        return code;
    }

    /** {@return the reply's text after the code, e.g. {@code "[AUTH] Authentication failed."}} */
    public String text() {
        return text;
    }

    /** {@return the error the mechanism itself reported before the refusal, e.g. OAUTHBEARER's JSON status} */
    public Optional<String> mechanismError() {
        return Optional.ofNullable(mechanismError);
    }
}
