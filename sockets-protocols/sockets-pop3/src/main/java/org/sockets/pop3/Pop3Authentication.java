package org.sockets.pop3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.sockets.protocol.Command;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Secret;
import org.sockets.protocol.StatusReply;
import org.sockets.protocol.sasl.SaslAuthenticator;
import org.sockets.protocol.sasl.SaslCredentials;
import org.sockets.protocol.sasl.SaslMechanism;
import org.sockets.protocol.sasl.SaslRejectedException;
import org.sockets.protocol.sasl.SaslReply;
import org.sockets.protocol.sasl.SaslResponse;
import org.sockets.protocol.sasl.SaslTransport;

/**
 * The login of one session: USER/PASS, APOP and AUTH (RFC 5034, initial response allowed), every
 * secret through the core's credential path (masked, refused without TLS unless opted in).
 */
final class Pop3Authentication implements SaslTransport {

    private final Pop3Client client;
    private final ProtocolConnection c;
    private final Optional<String> timestamp;

    Pop3Authentication(Pop3Client client, ProtocolConnection c, Optional<String> timestamp) {
        this.client = client;
        this.c = c;
        this.timestamp = timestamp;
    }

    void login(Pop3Login login, Optional<Credentials> credentials) throws IOException {
        switch (login) {
            case Pop3Login.Sasl s -> sasl(s.authenticator());
            case Pop3Login.UserPass u -> userPass(need(credentials));
            case Pop3Login.Apop a -> apop(need(credentials));
            case Pop3Login.Auto a -> {
                Credentials cred = need(credentials);
                SaslAuthenticator auth = SaslAuthenticator.of(SaslCredentials.password(cred.user(), cred.password()));
                if (auth.choose(client.capabilities().saslMechanisms()).isPresent()) {
                    sasl(auth);
                } else {
                    userPass(cred);
                }
            }
        }
    }

    private Credentials need(Optional<Credentials> credentials) {
        return credentials.orElseThrow(() -> new IllegalStateException(
                "this login needs credentials: ClientOptions.withCredentials(user, password)"));
    }

    private void userPass(Credentials cred) throws IOException {
        c.send(Command.of("USER", cred.user()));
        loginReply("USER " + cred.user());
        c.sendCredential(Command.of("PASS"), Secret.password(cred));
        loginReply("PASS ****");
    }

    private void apop(Credentials cred) throws IOException {
        if (timestamp.isEmpty()) {
            throw Pop3Client.noTimestamp(c);
        }
        char[] password = cred.password().get();
        byte[] pass = null;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            pass = new byte[encoded.remaining()];
            encoded.get(pass);
            Arrays.fill(encoded.array(), (byte) 0);
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(timestamp.get().getBytes(StandardCharsets.US_ASCII));
            md5.update(pass);
            byte[] digest = md5.digest();
            byte[] hex = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(digest, (byte) 0);
            // The digest lets an eavesdropper guess the password offline: a credential like PASS.
            c.sendCredential(Command.of("APOP", cred.user()), Secret.wire(hex));
            Arrays.fill(hex, (byte) 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5", e);
        } finally {
            Arrays.fill(password, '\0');
            if (pass != null) {
                Arrays.fill(pass, (byte) 0);
            }
        }
        loginReply("APOP " + cred.user() + " ****");
    }

    /** A login step's reply: a refusal about the credentials is a Pop3AuthenticationException. */
    private void loginReply(String what) throws IOException {
        try {
            Pop3Client.ok(c, what);
        } catch (Pop3ReplyException e) {
            throw refusal(what, e.text(), e);
        }
    }

    private static org.sockets.protocol.NegativeReplyException refusal(String what, String text, Exception cause) {
        org.sockets.protocol.NegativeReplyException e = Pop3AuthenticationException.about(text)
                ? new Pop3AuthenticationException(what, text) : new Pop3ReplyException(what, text);
        e.initCause(cause);
        return e;
    }

    private void sasl(SaslAuthenticator auth) throws IOException {
        try {
            auth.authenticate(this, client.capabilities().saslMechanisms(), "pop", c.peerName());
        } catch (SaslRejectedException e) {
            // One error type for every refused login, with the response code typed ([AUTH], [IN-USE]).
            throw refusal("AUTH " + e.mechanism().saslName(), e.text(), e);
        } catch (javax.security.sasl.AuthenticationException e) {
            // The server may consider us logged in though its proof failed: never go on.
            c.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- SaslTransport (RFC 5034)

    @Override
    public boolean initialResponseAllowed() {
        return true;
    }

    @Override
    public SaslReply start(SaslMechanism mechanism, Optional<SaslResponse> initial) throws IOException {
        if (initial.isPresent() && tooLong(mechanism, initial.get())) {
            // RFC 5034 §4: a command over 255 octets must not carry the initial response; the
            // server then sends an empty challenge, which the initial response answers.
            c.send(Command.of("AUTH", mechanism.saslName()));
            SaslReply first = reply();
            if (first instanceof SaslReply.Challenge ch && ch.data().length == 0) {
                return respond(initial.get());
            }
            return first;
        }
        if (initial.isEmpty()) {
            c.send(Command.of("AUTH", mechanism.saslName()));
        } else if (initial.get().secret()) {
            c.sendCredential(Command.of("AUTH", mechanism.saslName()), Secret.base64(initial.get().bytes()));
        } else {
            SaslResponse r = initial.get();
            c.send(Command.of("AUTH", mechanism.saslName(), r.length() == 0 ? "=" : Base64.getEncoder().encodeToString(r.bytes())));
        }
        return reply();
    }

    /** Whether {@code AUTH mechanism base64(response)} would exceed RFC 5034's 255 octets with CRLF. */
    static boolean tooLong(SaslMechanism mechanism, SaslResponse response) {
        long base64 = (response.length() + 2L) / 3 * 4;
        return "AUTH ".length() + mechanism.saslName().length() + 1 + Math.max(base64, 1) + 2 > MAX_AUTH_COMMAND;
    }

    /** RFC 5034 §4: the most octets an AUTH command with its initial response may have, CRLF included. */
    static final int MAX_AUTH_COMMAND = 255;

    @Override
    public SaslReply respond(SaslResponse response) throws IOException {
        if (response.secret()) {
            c.sendCredential(Command.none(), Secret.base64(response.bytes()));
        } else if (response.length() == 0) {
            c.sendBlankLine(); // an empty response (SCRAM's answer to the server-final challenge)
        } else {
            c.send(Command.of(Base64.getEncoder().encodeToString(response.bytes())));
        }
        return reply();
    }

    @Override
    public SaslReply cancel() throws IOException {
        c.send(Command.of("*"));
        return reply();
    }

    private SaslReply reply() throws IOException {
        StatusReply r = Replies.pop3(c);
        return switch (r.status()) {
            case "+OK" -> new SaslReply.Success(Optional.empty());
            case "-ERR" -> new SaslReply.Failure("-ERR", r.text());
            default -> {
                try {
                    yield new SaslReply.Challenge(Base64.getDecoder().decode(r.text().strip()));
                } catch (IllegalArgumentException e) {
                    throw c.abandon(new MalformedReplyException("SASL challenge from " + c.peerName() + " is not base64: "
                            + e.getMessage()));
                }
            }
        };
    }

}
