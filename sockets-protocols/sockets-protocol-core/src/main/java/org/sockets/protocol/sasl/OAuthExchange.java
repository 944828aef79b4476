package org.sockets.protocol.sasl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;

/**
 * OAUTHBEARER (RFC 7628) and XOAUTH2 (its pre-standard form): one client message carrying the
 * bearer token. A server that refuses the token first sends a challenge with a JSON error
 * ({@code {"status":"invalid_token",...}}); the client answers with the dummy response the
 * mechanism defines (OAUTHBEARER {@code %x01}, XOAUTH2 empty) and the server then fails the
 * exchange. That JSON becomes {@link #serverError()}.
 */
final class OAuthExchange implements SaslExchange {

    private static final int MAX_ERROR = 4096;

    private final SaslMechanism mechanism;
    private final SaslCredentials credentials;
    private final String host;
    private boolean sent;
    private String error;

    OAuthExchange(SaslMechanism mechanism, SaslCredentials credentials, String host) {
        if (mechanism != SaslMechanism.OAUTHBEARER && mechanism != SaslMechanism.XOAUTH2) {
            throw new IllegalArgumentException("not an OAuth mechanism: " + mechanism);
        }
        this.mechanism = mechanism;
        this.credentials = credentials;
        this.host = host;
    }

    @Override
    public SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    public Optional<SaslResponse> initialResponse() throws SaslException {
        if (sent) {
            throw new IllegalStateException(mechanism + ": the initial response is asked for twice");
        }
        sent = true;
        String user = credentials.requireUser();
        for (int i = 0; i < user.length(); i++) {
            if (user.charAt(i) < 0x20 || user.charAt(i) == 0x7f) {
                throw new SaslException(mechanism + ": the user name holds a control character at index " + i);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (mechanism == SaslMechanism.OAUTHBEARER) {
            // gs2-header: no channel binding ("n"), the authorization identity ("a="; RFC 7628
            // section 3.1 lets a client name itself), then key=value pairs separated by %x01.
            String authz = credentials.authorizationId().orElse(user);
            out.writeBytes(("n,a=" + ScramExchange.saslName(authz) + ",\u0001").getBytes(StandardCharsets.UTF_8));
            if (host != null && !host.isEmpty()) {
                out.writeBytes(("host=" + host + "\u0001").getBytes(StandardCharsets.UTF_8));
            }
        } else {
            out.writeBytes(("user=" + user + "\u0001").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("auth=Bearer ".getBytes(StandardCharsets.US_ASCII));
        char[] token = credentials.secret();
        byte[] tokenBytes = Utf8.encode(token);
        Arrays.fill(token, '\0');
        try {
            for (byte b : tokenBytes) {
                // RFC 6750 b64token: a stray byte would end the field or the message early.
                if (b <= 0x20 || b == 0x7f) {
                    throw new SaslException(mechanism + ": the bearer token holds a space or control character");
                }
            }
            out.writeBytes(tokenBytes);
        } finally {
            Arrays.fill(tokenBytes, (byte) 0);
        }
        out.write(1);
        out.write(1);
        byte[] message = out.toByteArray();
        SaslResponse r = SaslResponse.of(message, true);
        Arrays.fill(message, (byte) 0);
        return Optional.of(r);
    }

    @Override
    public SaslResponse respond(byte[] challenge) throws SaslException {
        if (!sent) {
            throw new IllegalStateException(mechanism + ": a challenge before the initial response was computed");
        }
        if (error != null) {
            throw new SaslException(mechanism + ": the server sent a second challenge after its error " + error);
        }
        error = challenge.length == 0 ? "(an empty challenge)" : LoginExchange.printable(Arrays.copyOf(challenge, Math.min(challenge.length, MAX_ERROR)));
        return mechanism == SaslMechanism.OAUTHBEARER ? SaslResponse.of(new byte[] {1}, false) : SaslResponse.empty();
    }

    @Override
    public void complete(Optional<byte[]> additionalData) throws SaslException {
        if (error != null) {
            throw new AuthenticationException(mechanism + ": the server reported success after refusing the token: " + error);
        }
        if (!sent) {
            throw new AuthenticationException(mechanism + ": the server reported success before the token was sent");
        }
    }

    @Override
    public Optional<String> serverError() {
        return Optional.ofNullable(error);
    }

    @Override
    public void close() {
        // the token is never kept
    }
}
