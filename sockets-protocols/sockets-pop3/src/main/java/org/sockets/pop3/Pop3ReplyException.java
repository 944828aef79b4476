package org.sockets.pop3;

import java.util.Optional;
import org.sockets.protocol.NegativeReplyException;

/**
 * The POP3 server answered {@code -ERR}: the command, the server's text and, when the text
 * starts with one, its RFC 2449 / RFC 3206 {@link ResponseCode} as a typed field.
 *
 * {@snippet :
 * try (Pop3Client pop = Pop3Client.builder("mail.example.org").options(options).connect()) {
 *     // ...
 * } catch (Pop3ReplyException e) {
 *     if (e.responseCode().equals(Optional.of(ResponseCode.IN_USE))) {
 *         // another session holds the mailbox: try again later
 *     }
 * }
 * }
 */
public class Pop3ReplyException extends NegativeReplyException {

    private static final long serialVersionUID = 1L;

    /** The response code at the start of the text, or null. */
    private final ResponseCode responseCode;
    /** The bracketed text as written, or null. */
    private final String rawResponseCode;

    /**
     * An exception for a {@code -ERR} reply.
     *
     * @param command the command, masked ({@code "PASS ****"})
     * @param text    the text after {@code -ERR}
     */
    public Pop3ReplyException(String command, String text) {
        super(command, "-ERR", text);
        this.responseCode = ResponseCode.of(text).orElse(null);
        this.rawResponseCode = ResponseCode.raw(text).orElse(null);
    }

    /**
     * The extended response code at the start of the text, if any.
     *
     * @return e.g. {@link ResponseCode#IN_USE}
     */
    public Optional<ResponseCode> responseCode() {
        return Optional.ofNullable(responseCode);
    }

    /**
     * The response code as written, without brackets ({@code "SYS/TEMP/DISK"}, or an unknown one).
     *
     * @return the code text, if any
     */
    public Optional<String> rawResponseCode() {
        return Optional.ofNullable(rawResponseCode);
    }
}
