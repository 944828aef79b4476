package org.sockets.protocol.sasl;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a SASL login proves identity with: a password, an OAuth 2 bearer token, the TLS client
 * certificate (EXTERNAL) or the calling thread's Kerberos login (GSSAPI); optionally with an
 * authorization identity to act as. Immutable; {@code toString()} never shows the secret.
 *
 * <p>A password or token is given as a supplier that returns a fresh array each call: it is read
 * when a mechanism needs it and the array is zeroed after use, so no {@code String} holding it is
 * kept.
 *
 * {@snippet :
 * SaslCredentials alice = SaslCredentials.password("alice", () -> console.readPassword("password: "));
 * SaslCredentials bot = SaslCredentials.bearerToken("bot@example.org", tokenCache::current);
 * SaslCredentials cert = SaslCredentials.clientCertificate(); // EXTERNAL
 * }
 */
public final class SaslCredentials {

    private final SaslMechanism.Kind kind;
    private final String user;
    private final Supplier<char[]> secret;
    private final String authorizationId;

    private SaslCredentials(SaslMechanism.Kind kind, String user, Supplier<char[]> secret, String authorizationId) {
        this.kind = kind;
        this.user = user;
        this.secret = secret;
        this.authorizationId = authorizationId;
    }

    /**
     * A user name and password (SCRAM, CRAM-MD5, DIGEST-MD5, NTLM, PLAIN, LOGIN).
     *
     * @param user     the authentication identity; not empty, no NUL
     * @param password gives a fresh array holding the password each call; zeroed after use
     * @return the credentials
     */
    public static SaslCredentials password(String user, Supplier<char[]> password) {
        return new SaslCredentials(SaslMechanism.Kind.PASSWORD, checkName("user", user), Objects.requireNonNull(password, "password"), null);
    }

    /**
     * A user name and an OAuth 2 bearer token (OAUTHBEARER, XOAUTH2).
     *
     * @param user  the user the token was issued for; not empty, no NUL
     * @param token gives a fresh array holding the token each call; zeroed after use
     * @return the credentials
     */
    public static SaslCredentials bearerToken(String user, Supplier<char[]> token) {
        return new SaslCredentials(SaslMechanism.Kind.BEARER_TOKEN, checkName("user", user), Objects.requireNonNull(token, "token"), null);
    }

    /**
     * The identity the TLS client certificate proves (EXTERNAL); the server derives the user
     * name from the certificate.
     *
     * @return the credentials
     */
    public static SaslCredentials clientCertificate() {
        return new SaslCredentials(SaslMechanism.Kind.NONE, null, null, null);
    }

    /**
     * The Kerberos 5 login of the calling thread's JAAS {@code Subject} (GSSAPI). The JDK's GSSAPI
     * client is passed through unchanged; it has not been tested against a real server here.
     *
     * @return the credentials
     */
    public static SaslCredentials kerberos() {
        return new SaslCredentials(SaslMechanism.Kind.KERBEROS, null, null, null);
    }

    /**
     * The same credentials, asking to act as another identity (the SASL authorization identity);
     * by default none is sent and the server uses the authenticated one.
     *
     * @param authorizationId the identity to act as; not empty, no NUL
     * @return new credentials
     */
    public SaslCredentials actingAs(String authorizationId) {
        return new SaslCredentials(kind, user, secret, checkName("authorization id", authorizationId));
    }

    /** {@return the user name (authentication identity); empty for a certificate or Kerberos login} */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** {@return the authorization identity to act as, if one was given} */
    public Optional<String> authorizationId() {
        return Optional.ofNullable(authorizationId);
    }

    SaslMechanism.Kind kind() {
        return kind;
    }

    /** A fresh copy of the password or token; the caller zeroes it. */
    char[] secret() {
        if (secret == null) {
            throw new IllegalStateException("credentials of kind " + kind + " hold no password or token");
        }
        char[] s = Objects.requireNonNull(secret.get(), "the password/token supplier returned null");
        char[] copy = s.clone();
        Arrays.fill(s, '\0');
        return copy;
    }

    String requireUser() {
        if (user == null) {
            throw new IllegalStateException("credentials of kind " + kind + " have no user name");
        }
        return user;
    }

    private static String checkName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SASL " + what + " must be non-empty and free of NUL: \"" + value.replace("\0", "\\0") + "\"");
        }
        return value;
    }

    /** The kind and user name; never the secret. */
    @Override
    public String toString() {
        return "SaslCredentials[" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + (user == null ? "" : ", user=" + user)
                + (authorizationId == null ? "" : ", as=" + authorizationId)
                + (secret == null ? "" : ", secret=****") + "]";
    }
}
