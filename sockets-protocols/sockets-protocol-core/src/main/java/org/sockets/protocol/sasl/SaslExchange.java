package org.sockets.protocol.sasl;

import java.util.Optional;
import javax.security.sasl.SaslException;

/**
 * One client side of one SASL exchange: bytes in (the server's decoded challenges), bytes out
 * (responses, each saying whether it carries a secret). Not thread-safe; used once, then closed.
 * {@link SaslAuthenticator} drives it over a protocol; tests and unusual protocols may drive it
 * directly.
 *
 * {@snippet :
 * try (SaslExchange ex = authenticator.start(SaslMechanism.SCRAM_SHA_256, "imap", host)) {
 *     Optional<SaslResponse> first = ex.initialResponse();
 *     SaslResponse next = ex.respond(challenge);   // for each challenge
 *     ex.complete(Optional.empty());               // when the server says OK
 * }
 * }
 */
public sealed interface SaslExchange extends AutoCloseable permits JdkExchange, LoginExchange, OAuthExchange, ScramExchange {

    /** {@return the mechanism} */
    SaslMechanism mechanism();

    /**
     * The initial response, computed once: the first message of a client-first mechanism (PLAIN,
     * EXTERNAL, SCRAM, OAUTHBEARER, XOAUTH2), or empty for a server-first one (CRAM-MD5,
     * DIGEST-MD5, LOGIN).
     *
     * @return the response, or empty
     * @throws SaslException if it cannot be computed (e.g. a user name SASLprep prohibits)
     * @throws IllegalStateException if called after the first challenge
     */
    Optional<SaslResponse> initialResponse() throws SaslException;

    /**
     * The response to a server challenge.
     *
     * @param challenge the decoded challenge
     * @return the response (maybe empty)
     * @throws SaslException if the challenge is malformed or the server failed to prove itself;
     *         {@link javax.security.sasl.AuthenticationException} for the latter
     */
    SaslResponse respond(byte[] challenge) throws SaslException;

    /**
     * Checks, when the server reports success, that the exchange really completed: SCRAM and
     * DIGEST-MD5 need the server's proof that it knows the password, and a success that comes
     * without it fails here. A caller that gets an exception must close the connection, which the
     * server now considers logged in.
     *
     * @param additionalData data carried with the success, if the protocol has any
     * @throws SaslException if the exchange is not complete or the data does not verify
     *         ({@link javax.security.sasl.AuthenticationException} when the server's proof is
     *         missing or wrong)
     */
    void complete(Optional<byte[]> additionalData) throws SaslException;

    /**
     * The error the server explained in a challenge before failing (OAUTHBEARER's and XOAUTH2's
     * JSON status, SCRAM's {@code e=} value), for the message of the refusal.
     *
     * @return the explanation, if the server gave one
     */
    Optional<String> serverError();

    /** Forgets the secret state (keys, the JDK client's state); safe to call twice. */
    @Override
    void close();
}
