package org.sockets.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.sockets.protocol.Command;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Secret;

/**
 * Basic authentication (RFC 7617, curl's {@code -u}, urllib's {@code HTTPBasicAuthHandler}):
 * {@code base64(user ":" password)} in UTF-8, built from the password supplier's array without a
 * {@code String}, sent only through the core's credential path and zeroed after.
 */
final class BasicAuth {

    private BasicAuth() {
    }

    /**
     * A header field whose value is {@code Basic} and a secret.
     *
     * @param name        {@code Authorization} or {@code Proxy-Authorization}
     * @param credentials whose user and password
     */
    record Line(String name, Credentials credentials) {
        Line {
            Objects.requireNonNull(name, "name");
            checkUser(credentials);
        }

        /** Writes "name: Basic secret CRLF" through the core's credential path. */
        void send(ProtocolConnection c) throws IOException {
            c.sendCredential(Command.line(name + ": Basic"), secret(credentials));
        }
    }

    /** A user-id with a colon cannot be told from the password in Basic (RFC 7617 §2). */
    static void checkUser(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.user().indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic authentication user name has no colon (RFC 7617): \""
                    + Wire.escape(credentials.user()) + "\"");
        }
    }

    /** The base64 of user:password, as the core's secret; every intermediate array zeroed. */
    static Secret secret(Credentials credentials) {
        char[] password = Objects.requireNonNull(credentials.password().get(), "the password supplier returned null");
        char[] joined = new char[credentials.user().length() + 1 + password.length];
        byte[] raw = null;
        try {
            credentials.user().getChars(0, credentials.user().length(), joined, 0);
            joined[credentials.user().length()] = ':';
            System.arraycopy(password, 0, joined, credentials.user().length() + 1, password.length);
            CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer encoded = utf8.encode(CharBuffer.wrap(joined));
            raw = new byte[encoded.remaining()];
            encoded.get(raw);
            Arrays.fill(encoded.array(), (byte) 0);
            return Secret.base64(raw);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password of " + credentials.user() + " is not valid text (a lone surrogate)");
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(joined, '\0');
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
