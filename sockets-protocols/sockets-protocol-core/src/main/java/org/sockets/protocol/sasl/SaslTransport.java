package org.sockets.protocol.sasl;

import java.io.IOException;
import java.util.Optional;

/**
 * How one protocol carries a SASL exchange: POP3 {@code AUTH} (RFC 5034), IMAP
 * {@code AUTHENTICATE} (RFC 3501, SASL-IR RFC 4959), SMTP {@code AUTH} (RFC 4954), NNTP
 * {@code AUTHINFO SASL} (RFC 4643). The protocol base64-encodes responses and decodes challenges,
 * and sends a {@linkplain SaslResponse#secret() secret} response only through its credential path
 * (masked in logs and transcripts, refused without TLS unless the caller allowed plain text).
 *
 * <p>Each method sends one line and reads the server's answer to it. POP3's, over the core's
 * connection, in outline:
 * {@snippet :
 * public SaslReply start(SaslMechanism m, Optional<SaslResponse> ir) throws IOException {
 *     if (ir.isEmpty()) {
 *         connection.send(Command.of("AUTH", m.saslName()));
 *     } else if (ir.get().secret()) {          // masked in the log, refused without TLS
 *         connection.sendCredential(Command.of("AUTH", m.saslName()), Secret.base64(ir.get().bytes()));
 *     } else {
 *         connection.send(Command.of("AUTH", m.saslName(), ir.get().length() == 0 ? "=" : base64(ir.get())));
 *     }
 *     return reply();                          // "+ xyz" -> Challenge, "+OK" -> Success, "-ERR" -> Failure
 * }
 * }
 */
public interface SaslTransport {

    /**
     * Whether the command that starts an exchange may carry the initial response (POP3 and SMTP
     * always; IMAP when the server offers {@code SASL-IR}). When not, the authenticator waits for
     * the server's first (empty) challenge and sends the initial response then.
     *
     * @return {@code true} if {@link #start} may be given an initial response
     */
    boolean initialResponseAllowed();

    /**
     * Sends the command that starts the exchange, e.g. {@code AUTH SCRAM-SHA-256 biwsbj1...}
     * (an empty initial response as the protocol writes it, {@code "="} in POP3 and SMTP).
     *
     * @param mechanism       the mechanism
     * @param initialResponse the initial response, if the mechanism has one and it is allowed
     * @return the server's answer
     * @throws IOException if the connection fails
     */
    SaslReply start(SaslMechanism mechanism, Optional<SaslResponse> initialResponse) throws IOException;

    /**
     * Sends a response to the last challenge.
     *
     * @param response the response
     * @return the server's answer
     * @throws IOException if the connection fails
     */
    SaslReply respond(SaslResponse response) throws IOException;

    /**
     * Abandons the exchange (a line of {@code "*"}), when the client cannot go on.
     *
     * @return the server's answer (a failure, normally)
     * @throws IOException if the connection fails
     */
    SaslReply cancel() throws IOException;
}
