package org.sockets.protocol.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message a SASL client sends: its bytes (before the protocol's base64) and whether they
 * carry a secret (a password, a token, or a digest or proof from which one can be guessed
 * offline). A protocol sends a secret response only through its credential path, which masks it
 * in logs and transcripts. Immutable, except that {@link SaslAuthenticator} zeroes a secret
 * response once the transport has sent it (a transport must not keep one); {@code toString()}
 * masks secrets.
 */
public final class SaslResponse {

    private static final SaslResponse EMPTY = new SaslResponse(new byte[0], false);

    private final byte[] bytes;
    private final boolean secret;

    private SaslResponse(byte[] bytes, boolean secret) {
        this.bytes = bytes;
        this.secret = secret;
    }

    /**
     * A response.
     *
     * @param bytes  the raw bytes (copied)
     * @param secret whether they carry a secret
     * @return the response
     */
    public static SaslResponse of(byte[] bytes, boolean secret) {
        return new SaslResponse(Objects.requireNonNull(bytes, "bytes").clone(), secret);
    }

    /** {@return the empty, non-secret response} */
    public static SaslResponse empty() {
        return EMPTY;
    }

    /** {@return a copy of the raw bytes (the protocol base64-encodes them)} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the number of bytes} */
    public int length() {
        return bytes.length;
    }

    /** {@return whether the bytes carry a secret, so must be masked wherever the dialogue is shown} */
    public boolean secret() {
        return secret;
    }

    /** Zeroes a secret response's bytes, once sent. */
    void wipeIfSecret() {
        if (secret) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The length, and the bytes as text unless secret. */
    @Override
    public String toString() {
        return secret ? "SaslResponse[" + bytes.length + " bytes, ****]"
                : "SaslResponse[" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        .replaceAll("\\p{Cntrl}", ".") + "]";
    }
}
