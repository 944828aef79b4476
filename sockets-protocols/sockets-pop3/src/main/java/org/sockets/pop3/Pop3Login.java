package org.sockets.pop3;

import java.util.Objects;
import org.sockets.protocol.sasl.SaslAuthenticator;

/**
 * How the client logs in with the options' credentials. The default, {@link #auto()}, uses SASL
 * ({@code AUTH}, RFC 5034) when the server offers a mechanism the core's
 * {@link SaslAuthenticator} allows, else {@code USER}/{@code PASS}. Credentials need TLS unless
 * the options carry the plain-text opt-in (the core's policy), whichever way is chosen.
 */
public sealed interface Pop3Login {

    /** SASL if a mechanism fits, else USER/PASS. */
    record Auto() implements Pop3Login {
    }

    /** {@code USER} then {@code PASS} (RFC 1939 §7). */
    record UserPass() implements Pop3Login {
    }

    /**
     * {@code APOP} (RFC 1939 §7): an MD5 digest of the greeting's timestamp and the password.
     * Only possible when the greeting carries a timestamp ({@code <...>}); MD5 is weak, so the
     * digest counts as a credential (TLS or the opt-in still required).
     */
    record Apop() implements Pop3Login {
    }

    /**
     * {@code AUTH} with this authenticator (its credentials and mechanism order; a bearer token,
     * a client certificate for EXTERNAL).
     *
     * @param authenticator the authenticator
     */
    record Sasl(SaslAuthenticator authenticator) implements Pop3Login {
        /** Checks the part. */
        public Sasl {
            Objects.requireNonNull(authenticator, "authenticator");
        }
    }

    /**
     * SASL if offered and allowed, else USER/PASS: the default.
     *
     * @return the choice
     */
    static Pop3Login auto() {
        return new Auto();
    }

    /**
     * USER/PASS.
     *
     * @return the choice
     */
    static Pop3Login userPass() {
        return new UserPass();
    }

    /**
     * APOP; fails before sending anything if the greeting has no timestamp.
     *
     * @return the choice
     */
    static Pop3Login apop() {
        return new Apop();
    }

    /**
     * AUTH with this authenticator.
     *
     * @param authenticator the authenticator
     * @return the choice
     */
    static Pop3Login sasl(SaslAuthenticator authenticator) {
        return new Sasl(authenticator);
    }
}
