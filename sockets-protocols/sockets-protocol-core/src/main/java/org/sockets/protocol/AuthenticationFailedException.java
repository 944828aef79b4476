package org.sockets.protocol;

/**
 * The server refused the credentials: POP3 {@code -ERR} to {@code PASS}, SMTP {@code 535}, IMAP
 * {@code NO} to {@code LOGIN}, FTP {@code 530}. Carries the server's code and text; never the
 * password.
 */
public class AuthenticationFailedException extends NegativeReplyException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for refused credentials.
     *
     * @param command the command refused, masked (e.g. {@code "PASS ****"})
     * @param code    the reply's code as the server wrote it
     * @param text    the reply's text
     */
    public AuthenticationFailedException(String command, String code, String text) {
        super(command, code, text);
    }
}
