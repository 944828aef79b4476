package org.sockets.protocol.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SASL mechanisms this library speaks as a client, by their registered names.
 *
 * <p>{@link #defaultOrder()} is the order an authenticator tries them in unless the caller gives
 * its own: strongest first, and only mechanisms that work without set-up outside the program.
 */
public enum SaslMechanism {
    /** RFC 4422 appendix A: the identity the transport proved (a TLS client certificate). JDK. */
    EXTERNAL("EXTERNAL", Kind.NONE),
    /** RFC 7677: salted challenge-response over SHA-256, the server proves it knows the password too. Written here. */
    SCRAM_SHA_256("SCRAM-SHA-256", Kind.PASSWORD),
    /** RFC 5802: as SCRAM-SHA-256 over SHA-1. Written here. */
    SCRAM_SHA_1("SCRAM-SHA-1", Kind.PASSWORD),
    /** RFC 2195: HMAC-MD5 of a server challenge; the password never crosses the wire. JDK. */
    CRAM_MD5("CRAM-MD5", Kind.PASSWORD),
    /** RFC 2831 (historic since RFC 6331): digest with mutual authentication. JDK; not in the default order. */
    DIGEST_MD5("DIGEST-MD5", Kind.PASSWORD),
    /** Microsoft NTLM. JDK; not in the default order (weak, proprietary); tested against no real server here. */
    NTLM("NTLM", Kind.PASSWORD),
    /**
     * RFC 4752: Kerberos 5 through the JDK's GSS-API, from the JAAS login of the calling thread;
     * passed through to the JDK unchanged and not tested against a real server (no KDC in the
     * tests). Not in the default order.
     */
    GSSAPI("GSSAPI", Kind.KERBEROS),
    /** RFC 4616: the password itself (TLS needed). JDK. */
    PLAIN("PLAIN", Kind.PASSWORD),
    /** The obsolete user/password prompts (draft-murchison-sasl-login); the password itself. Written here. */
    LOGIN("LOGIN", Kind.PASSWORD),
    /** RFC 7628: an OAuth 2 bearer token. Written here. */
    OAUTHBEARER("OAUTHBEARER", Kind.BEARER_TOKEN),
    /** Google's and Microsoft's pre-standard form of OAUTHBEARER. Written here. */
    XOAUTH2("XOAUTH2", Kind.BEARER_TOKEN);

    /** What a mechanism needs from the caller; {@link SaslCredentials} carry one. */
    enum Kind {
        NONE, PASSWORD, BEARER_TOKEN, KERBEROS
    }

    private static final List<SaslMechanism> DEFAULT_ORDER = List.of(EXTERNAL, SCRAM_SHA_256, SCRAM_SHA_1, CRAM_MD5,
            PLAIN, LOGIN, OAUTHBEARER, XOAUTH2);

    private final String saslName;
    private final Kind needs;

    SaslMechanism(String saslName, Kind needs) {
        this.saslName = saslName;
        this.needs = needs;
    }

    /** {@return the registered name, as servers list it (e.g. {@code SCRAM-SHA-256})} */
    public String saslName() {
        return saslName;
    }

    /**
     * Whether the mechanism puts the secret itself on the wire (only base64-encoded), so that
     * without TLS anyone listening learns it: PLAIN, LOGIN, OAUTHBEARER and XOAUTH2. The others
     * send a digest or proof (still guessable offline for the weak ones).
     *
     * @return {@code true} for mechanisms that need TLS to keep the secret
     */
    public boolean exposesSecret() {
        return this == PLAIN || this == LOGIN || this == OAUTHBEARER || this == XOAUTH2;
    }

    /**
     * Whether the mechanism can log in with these credentials (a password, a bearer token, a
     * client certificate, a Kerberos login).
     *
     * @param credentials the caller's credentials
     * @return {@code true} if they are of the kind the mechanism needs
     */
    public boolean accepts(SaslCredentials credentials) {
        return credentials.kind() == needs;
    }

    Kind needs() {
        return needs;
    }

    /**
     * The default order, strongest first: EXTERNAL (no secret at all), SCRAM-SHA-256, SCRAM-SHA-1
     * (mutual authentication; the password never leaves the client), CRAM-MD5 (the password never
     * crosses the wire), PLAIN, LOGIN, then OAUTHBEARER and XOAUTH2 (which only bearer-token
     * credentials use). DIGEST-MD5 (historic), NTLM and GSSAPI are used only when the caller lists
     * them. Since a mechanism is chosen only if it accepts the credentials, the order matters
     * within one kind of credential.
     *
     * @return the list, unmodifiable
     */
    public static List<SaslMechanism> defaultOrder() {
        return DEFAULT_ORDER;
    }

    /**
     * The mechanism of a registered name, in any letter case.
     *
     * @param name e.g. {@code "cram-md5"}
     * @return the mechanism, or empty if this library does not speak it
     */
    public static Optional<SaslMechanism> named(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        for (SaslMechanism m : values()) {
            if (m.saslName.equals(upper)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** {@return the registered name} */
    @Override
    public String toString() {
        return saslName;
    }
}
