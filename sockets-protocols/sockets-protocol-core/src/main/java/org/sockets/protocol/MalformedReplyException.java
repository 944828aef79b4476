package org.sockets.protocol;

/**
 * The server sent something the protocol does not allow: a reply without a valid code, an SMTP
 * continuation with another code, a folded header line, a bad number. The connection is closed.
 */
public class MalformedReplyException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception quoting what was wrong.
     *
     * @param message what was expected and an excerpt of what came (control characters escaped)
     */
    public MalformedReplyException(String message) {
        super(message);
    }
}
