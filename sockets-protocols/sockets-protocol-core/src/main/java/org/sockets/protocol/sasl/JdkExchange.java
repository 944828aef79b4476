package org.sockets.protocol.sasl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * The JDK's client mechanisms (PLAIN, CRAM-MD5, DIGEST-MD5, EXTERNAL, NTLM, GSSAPI) through
 * {@link Sasl#createSaslClient}, with a callback handler answering from the credentials.
 */
final class JdkExchange implements SaslExchange {

    private final SaslMechanism mechanism;
    private final SaslClient client;
    private boolean started;

    private JdkExchange(SaslMechanism mechanism, SaslClient client) {
        this.mechanism = mechanism;
        this.client = client;
    }

    static JdkExchange create(SaslMechanism mechanism, SaslCredentials credentials, String service, String host,
            Map<String, ?> properties) throws SaslException {
        SaslClient client = Sasl.createSaslClient(new String[] {mechanism.saslName()},
                credentials.authorizationId().orElse(null), service, host, properties, new Answers(credentials));
        if (client == null) {
            throw new SaslException("this JDK offers no " + mechanism + " SASL client (javax.security.sasl providers)");
        }
        return new JdkExchange(mechanism, client);
    }

    @Override
    public SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    public Optional<SaslResponse> initialResponse() throws SaslException {
        if (started) {
            throw new IllegalStateException(mechanism + ": the initial response is asked for before the first challenge");
        }
        started = true;
        return client.hasInitialResponse() ? Optional.of(wrap(evaluate(new byte[0]))) : Optional.empty();
    }

    @Override
    public SaslResponse respond(byte[] challenge) throws SaslException {
        started = true;
        if (client.isComplete()) {
            throw new SaslException(mechanism + ": the server sent another challenge after the exchange completed");
        }
        return wrap(evaluate(mechanism == SaslMechanism.DIGEST_MD5 ? withoutEmptyRealm(challenge) : challenge));
    }

    private byte[] evaluate(byte[] challenge) throws SaslException {
        try {
            return client.evaluateChallenge(challenge);
        } catch (RuntimeException e) {
            // The JDK's mechanisms let some malformed challenges escape unchecked.
            throw new SaslException(mechanism + ": the JDK's client cannot take the challenge \""
                    + LoginExchange.printable(challenge) + "\": " + e, e);
        }
    }

    /**
     * Drops a {@code realm=""} directive from a DIGEST-MD5 challenge. dovecot sends one when it has
     * no realms configured, and the JDK's client then fails with IllegalArgumentException (an empty
     * default for its RealmCallback). Without the directive the client asks for a realm, gets none,
     * and answers with {@code realm=""} as RFC 2831 section 2.1.2 allows, which is what the server
     * meant.
     */
    static byte[] withoutEmptyRealm(byte[] challenge) {
        String s = new String(challenge, StandardCharsets.ISO_8859_1);
        String t = s.replaceFirst("(?i)^\\s*realm\\s*=\\s*\"\"\\s*(,|$)", "")
                .replaceAll("(?i),\\s*realm\\s*=\\s*\"\"\\s*(?=,|$)", "");
        return t.equals(s) ? challenge : t.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void complete(Optional<byte[]> additionalData) throws SaslException {
        if (additionalData.isPresent() && !client.isComplete()) {
            byte[] last = evaluate(additionalData.get());
            if (last != null && last.length > 0) {
                throw new SaslException(mechanism + ": the server's success data asks for a response it cannot take");
            }
        }
        if (!client.isComplete()) {
            throw new AuthenticationException(mechanism + ": the server reported success before the exchange completed"
                    + (mechanism == SaslMechanism.DIGEST_MD5 ? " (no rspauth: it did not prove it knows the password)" : ""));
        }
    }

    @Override
    public Optional<String> serverError() {
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            client.dispose();
        } catch (SaslException ignored) {
            // nothing left to release that we could act on
        }
    }

    private SaslResponse wrap(byte[] bytes) {
        byte[] b = bytes == null ? new byte[0] : bytes;
        // EXTERNAL sends only the authorization id; every other JDK mechanism sends the password,
        // a digest of it, or a Kerberos/NTLM token.
        SaslResponse r = SaslResponse.of(b, mechanism != SaslMechanism.EXTERNAL && b.length > 0);
        Arrays.fill(b, (byte) 0);
        return r;
    }

    /** Answers the JDK mechanisms' questions from the credentials; the password array is the JDK's to clear. */
    private record Answers(SaslCredentials credentials) implements CallbackHandler {
        @Override
        public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
            for (Callback c : callbacks) {
                switch (c) {
                    case NameCallback n -> n.setName(credentials.requireUser());
                    case PasswordCallback p -> {
                        char[] secret = credentials.secret();
                        p.setPassword(secret); // PasswordCallback keeps its own copy
                        Arrays.fill(secret, '\0');
                    }
                    case RealmCallback r -> r.setText(r.getDefaultText() == null ? "" : r.getDefaultText());
                    case RealmChoiceCallback r -> r.setSelectedIndex(0);
                    default -> throw new UnsupportedCallbackException(c);
                }
            }
        }
    }
}
