package org.sockets.protocol;

import java.util.Objects;

/**
 * The server answered a command with a refusal: a 4xx/5xx code (FTP, SMTP, NNTP), {@code -ERR}
 * (POP3), {@code NO}/{@code BAD} (IMAP). Carries the code and the server's text.
 */
public class NegativeReplyException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The reply's code as the server wrote it: {@code "550"}, {@code "-ERR"}, {@code "NO"}. */
    private final String code;
    /** The reply's text, lines joined with {@code "\n"}. */
    private final String text;

    /**
     * An exception for a refused command.
     *
     * @param command what was asked, masked (never a credential), e.g. {@code "RETR 3"}
     * @param code    the reply's code as the server wrote it
     * @param text    the reply's text
     */
    public NegativeReplyException(String command, String code, String text) {
        super(command + " refused: " + code + " " + text);
        this.code = Objects.requireNonNull(code, "code");
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * The code as the server wrote it.
     *
     * @return e.g. {@code "550"}, {@code "-ERR"}, {@code "NO"}
     */
    public String code() {
        return code;
    }

    /**
     * The server's text, lines joined with {@code "\n"}.
     *
     * @return the text after the code
     */
    public String text() {
        return text;
    }
}
