package org.sockets.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The secret part of a credential line, in the form it goes on the wire: a password as UTF-8
 * ({@code PASS}, {@code USER}/{@code PASS}), or a SASL response in base64 ({@code AUTH PLAIN},
 * {@code AUTH LOGIN}, every SASL continuation). Only
 * {@link ProtocolConnection#sendCredential(Command, Secret)} sends one; logs and the transcript show
 * {@code ****} in its place. The bytes are zeroed once sent or closed.
 *
 * {@snippet :
 * try (Secret pass = Secret.password(credentials)) {
 *     connection.sendCredential(Command.of("PASS"), pass);   // logged as "PASS ****"
 * }
 * byte[] response = saslClient.evaluateChallenge(challenge);
 * connection.sendCredential(Command.none(), Secret.base64(response)); // logged as "****"
 * }
 */
public final class Secret implements AutoCloseable {

    private byte[] wire;

    private Secret(byte[] wire) {
        this.wire = wire;
    }

    /**
     * The password of {@code credentials}, as UTF-8. The supplier's array is zeroed.
     *
     * @param credentials whose password
     * @return the secret
     * @throws IllegalArgumentException if the password holds CR, LF or NUL (the message does not
     *         show it) or is not valid text
     */
    public static Secret password(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        char[] chars = Objects.requireNonNull(credentials.password().get(), "the password supplier returned null");
        try {
            for (int i = 0; i < chars.length; i++) {
                char c = chars[i];
                if (c == '\r' || c == '\n' || c == '\0') {
                    throw new IllegalArgumentException("the password of " + credentials.user() + " holds "
                            + Command.name(c) + " at index " + i + ", which would end the command early");
                }
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Arrays.fill(encoded.array(), (byte) 0);
            return new Secret(bytes);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password of " + credentials.user() + " is not valid text (a lone surrogate)");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * A SASL response in base64 (RFC 4648, with padding). The caller may zero {@code raw}
     * afterwards; an empty response becomes the empty string (SMTP's {@code "="} is the client's
     * to send as {@code Secret.wire("=")}).
     *
     * @param raw the response bytes (e.g. {@code "\0alice\0password"} for PLAIN)
     * @return the secret
     */
    public static Secret base64(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        return new Secret(Base64.getEncoder().encode(raw));
    }

    /**
     * A secret given in its wire form already (a digest, a token, an IMAP-quoted password).
     *
     * @param wire the text as sent
     * @return the secret
     * @throws IllegalArgumentException if it holds CR, LF or NUL (the message does not show it)
     */
    public static Secret wire(byte[] wire) {
        Objects.requireNonNull(wire, "wire");
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '\r' || wire[i] == '\n' || wire[i] == 0) {
                throw new IllegalArgumentException("a secret holds " + Command.name(wire[i]) + " at index " + i
                        + ", which would end the command early");
            }
        }
        return new Secret(wire.clone());
    }

    /** The bytes to send; fails if already used. */
    byte[] take() {
        byte[] w = wire;
        if (w == null) {
            throw new IllegalStateException("this secret was sent or closed already");
        }
        return w;
    }

    /** Zeroes the bytes; the secret cannot be sent afterwards. Safe to call twice. */
    @Override
    public void close() {
        byte[] w = wire;
        if (w != null) {
            Arrays.fill(w, (byte) 0);
            wire = null;
        }
    }

    /** Always {@code "Secret[****]"}. */
    @Override
    public String toString() {
        return "Secret[****]";
    }
}
