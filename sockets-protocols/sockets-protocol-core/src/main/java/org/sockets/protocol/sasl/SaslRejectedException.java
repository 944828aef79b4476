package org.sockets.protocol.sasl;

import java.util.Optional;
import org.sockets.protocol.ProtocolException;

/**
 * The server refused a SASL login: a wrong secret, an unknown user, a mechanism it would not
 * complete. Carries the server's reply text and, for mechanisms whose servers explain in a
 * challenge first (OAUTHBEARER's JSON error, SCRAM's {@code e=}), that explanation.
 */
public class SaslRejectedException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The mechanism tried. */
    private final SaslMechanism mechanism;
    /** The server's reply text. */
    private final String serverText;
    /** The mechanism-level error, or null. */
    private final String mechanismError;

    /**
     * An exception for a refusal.
     *
     * @param mechanism      the mechanism tried
     * @param serverText     the server's reply text
     * @param mechanismError the mechanism-level error the server sent before, or {@code null}
     */
    public SaslRejectedException(SaslMechanism mechanism, String serverText, String mechanismError) {
        super(mechanism + " login refused by the server: " + serverText
                + (mechanismError == null ? "" : " (" + mechanismError + ")"));
        this.mechanism = mechanism;
        this.serverText = serverText;
        this.mechanismError = mechanismError;
    }

    /** {@return the mechanism that was refused} */
    public SaslMechanism mechanism() {
        return mechanism;
    }

    /** {@return the server's reply text, as it came} */
    public String serverText() {
        return serverText;
    }

    /** {@return the error the mechanism itself reported before the refusal, e.g. OAUTHBEARER's JSON status} */
    public Optional<String> mechanismError() {
        return Optional.ofNullable(mechanismError);
    }
}
