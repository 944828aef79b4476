package org.sockets.protocol.sasl;

import java.util.Optional;
import org.sockets.protocol.AuthenticationFailedException;

/**
 * The server refused a SASL login: a wrong secret, an unknown user, a mechanism it would not
 * complete. An {@link AuthenticationFailedException}, so a caller that catches refused credentials
 * catches a refused SASL login too, whichever way the client logged in; carries the reply's code
 * and text and, for mechanisms whose servers explain in a challenge first (OAUTHBEARER's JSON
 * error, SCRAM's {@code e=}), that explanation.
 */
public class SaslRejectedException extends AuthenticationFailedException {

    private static final long serialVersionUID = 1L;

    /** The mechanism tried. */
    private final SaslMechanism mechanism;
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
        super("AUTH " + mechanism, code, text);
        this.mechanism = mechanism;
        this.mechanismError = mechanismError;
    }

    /** {@return the mechanism that was refused} */
    public SaslMechanism mechanism() {
        return mechanism;
    }

    /**
     * The refusal with the mechanism's own explanation, when the server gave one.
     *
     * @return e.g. {@code AUTH OAUTHBEARER refused: -ERR failed ({"status":"401"})}
     */
    @Override
    public String getMessage() {
        return mechanismError == null ? super.getMessage() : super.getMessage() + " (" + mechanismError + ")";
    }

    /** {@return the error the mechanism itself reported before the refusal, e.g. OAUTHBEARER's JSON status} */
    public Optional<String> mechanismError() {
        return Optional.ofNullable(mechanismError);
    }
}
