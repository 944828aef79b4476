package org.sockets.ftp;

import java.util.Optional;
import org.sockets.protocol.Reply;
import org.sockets.protocol.TruncatedTransferException;

/**
 * A transfer that did not complete: the data connection was reset or timed out, or the server
 * ended it with anything but {@code 226} / {@code 250} ({@code 426} aborted, {@code 451} local
 * error), or closed it without saying it was done. It says how many bytes moved
 * ({@link #received()}) and, when the server answered, its reply; the control connection stays
 * usable unless it failed too.
 */
public class FtpTransferException extends TruncatedTransferException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    /**
     * An exception for a transfer cut after {@code bytes}.
     *
     * @param what  the transfer and what went wrong, e.g. {@code "RETR big.bin (426 Connection closed)"}
     * @param bytes bytes moved on the data connection before it failed
     * @param reply the server's final reply to the transfer, or null if none came
     * @param cause the data connection's failure, or null
     */
    public FtpTransferException(String what, long bytes, Reply reply, Throwable cause) {
        super(what, bytes);
        this.reply = reply;
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * The server's final reply to the transfer, if it sent one.
     *
     * @return the reply, or empty
     */
    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }
}
