package org.sockets.protocol.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * What a server answered to one step of a SASL exchange, as a protocol's
 * {@link SaslTransport} reads it: a challenge (POP3 and IMAP {@code "+ "}, SMTP {@code 334}),
 * success (maybe with additional data), or failure with the server's text.
 */
public sealed interface SaslReply {

    /**
     * A challenge: the server wants a response.
     *
     * @param data the decoded challenge bytes (may be empty)
     */
    record Challenge(byte[] data) implements SaslReply {
        /** Copies the data. */
        public Challenge {
            data = Objects.requireNonNull(data, "data").clone();
        }

        /** {@return a copy of the challenge bytes} */
        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * Success: the server accepted the login.
     *
     * @param additionalData the data some protocols carry with success (SMTP's {@code 235} does not,
     *                       IMAP's {@code OK [SASL ...]} style does), or empty
     */
    record Success(Optional<byte[]> additionalData) implements SaslReply {
        /** Copies the data. */
        public Success {
            additionalData = Objects.requireNonNull(additionalData, "additionalData").map(byte[]::clone);
        }

        /** {@return a copy of the additional data, if any} */
        @Override
        public Optional<byte[]> additionalData() {
            return additionalData.map(byte[]::clone);
        }
    }

    /**
     * Failure: the server refused the login or the exchange.
     *
     * @param code the reply's code as the server wrote it: {@code "-ERR"} (POP3), {@code "NO"} or
     *             {@code "BAD"} (IMAP), {@code "535"} (SMTP), {@code "481"} (NNTP)
     * @param text the reply's text after the code, e.g. {@code "[AUTH] Authentication failed."}
     */
    record Failure(String code, String text) implements SaslReply {
        /** Checks the parts. */
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A challenge.
     *
     * @param data the decoded bytes
     * @return the reply
     */
    static SaslReply challenge(byte[] data) {
        return new Challenge(data);
    }

    /** {@return success without additional data} */
    static SaslReply success() {
        return new Success(Optional.empty());
    }

    /**
     * Failure.
     *
     * @param code the reply's code
     * @param text the server's text after the code
     * @return the reply
     */
    static SaslReply failure(String code, String text) {
        return new Failure(code, text);
    }
}
