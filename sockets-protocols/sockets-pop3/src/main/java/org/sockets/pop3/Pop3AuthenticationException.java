package org.sockets.pop3;

import java.util.Optional;
import org.sockets.protocol.AuthenticationFailedException;

/**
 * The server refused the login ({@code USER}, {@code PASS}, {@code APOP} or {@code AUTH}) because
 * of the credentials: {@code -ERR} with no response code or with {@code [AUTH]} (RFC 3206). A
 * refusal for another reason, such as {@code [IN-USE]} or {@code [SYS/TEMP]}, is a
 * {@link Pop3ReplyException} instead: the credentials may be right. Never carries the password.
 */
public class Pop3AuthenticationException extends AuthenticationFailedException {

    private static final long serialVersionUID = 1L;

    /** The response code at the start of the text, or null. */
    private final ResponseCode responseCode;

    /**
     * An exception for refused credentials.
     *
     * @param command the command, masked ({@code "PASS ****"})
     * @param text    the text after {@code -ERR}
     */
    public Pop3AuthenticationException(String command, String text) {
        super(command, "-ERR", text);
        this.responseCode = ResponseCode.of(text).orElse(null);
    }

    /**
     * The response code at the start of the text: {@link ResponseCode#AUTH}, or none.
     *
     * @return the code, if the server gave one
     */
    public Optional<ResponseCode> responseCode() {
        return Optional.ofNullable(responseCode);
    }

    /** Whether a login {@code -ERR} with this text is about the credentials (no code, or [AUTH]). */
    static boolean about(String text) {
        Optional<ResponseCode> c = ResponseCode.of(text);
        return c.isEmpty() || c.get() == ResponseCode.AUTH;
    }
}
