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
     * @param text the server's reply line as it came (e.g. {@code "-ERR [AUTH] Authentication failed."})
     */
    record Failure(String text) implements SaslReply {
        /** Checks the text. */
        public Failure {
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
     * @param text the server's text
     * @return the reply
     */
    static SaslReply failure(String text) {
        return new Failure(text);
    }
}
