package org.sockets.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;

/**
 * LOGIN (draft-murchison-sasl-login): the server prompts {@code Username:} then
 * {@code Password:}; the client answers with each in UTF-8. No initial response: some servers take
 * the user name as one, but not all.
 */
final class LoginExchange implements SaslExchange {

    private final SaslCredentials credentials;
    private boolean userSent;
    private boolean passwordSent;

    LoginExchange(SaslCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public SaslMechanism mechanism() {
        return SaslMechanism.LOGIN;
    }

    @Override
    public Optional<SaslResponse> initialResponse() {
        if (userSent) {
            throw new IllegalStateException("LOGIN: the initial response is asked for after the first challenge");
        }
        return Optional.empty();
    }

    @Override
    public SaslResponse respond(byte[] challenge) throws SaslException {
        String prompt = new String(challenge, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        // The prompts are free text: go by them where they say which, else by order.
        boolean wantsPassword = prompt.contains("pass") || (userSent && !prompt.contains("user"));
        if (passwordSent || (wantsPassword ? !userSent : userSent)) {
            throw new SaslException("LOGIN: unexpected prompt \"" + printable(challenge) + "\" after "
                    + (passwordSent ? "the password" : userSent ? "the user name" : "nothing"));
        }
        if (!wantsPassword) {
            userSent = true;
            return SaslResponse.of(credentials.requireUser().getBytes(StandardCharsets.UTF_8), false);
        }
        passwordSent = true;
        char[] secret = credentials.secret();
        byte[] bytes = Utf8.encode(secret);
        Arrays.fill(secret, '\0');
        SaslResponse r = SaslResponse.of(bytes, true);
        Arrays.fill(bytes, (byte) 0);
        return r;
    }

    @Override
    public void complete(Optional<byte[]> additionalData) throws SaslException {
        if (!passwordSent) {
            throw new AuthenticationException("LOGIN: the server reported success before asking for the password");
        }
    }

    @Override
    public Optional<String> serverError() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held
    }

    static String printable(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 100), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return b.length > 100 ? s + "..." : s;
    }
}
