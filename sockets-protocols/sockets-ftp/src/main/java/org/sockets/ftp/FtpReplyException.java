package org.sockets.ftp;

import org.sockets.protocol.NegativeReplyException;
import org.sockets.protocol.Reply;

/**
 * The FTP server refused a command (4xx, 5xx) or answered with a code the command does not allow.
 * The session stays usable, except after {@code 421} (service closing): then the client has
 * closed the control connection, as the server did.
 */
public class FtpReplyException extends NegativeReplyException {

    private static final long serialVersionUID = 1L;

    /** The server's reply, kept whole. */
    private final transient Reply reply;

    /**
     * An exception for {@code reply} to {@code command}.
     *
     * @param command what was sent, password masked
     * @param reply   the reply
     */
    public FtpReplyException(String command, Reply reply) {
        super(command, Integer.toString(reply.code()), reply.text());
        this.reply = reply;
    }

    /**
     * The reply's code.
     *
     * @return 100 to 599
     */
    public int replyCode() {
        return reply.code();
    }

    /**
     * The whole reply.
     *
     * @return the reply
     */
    public Reply reply() {
        return reply;
    }
}
