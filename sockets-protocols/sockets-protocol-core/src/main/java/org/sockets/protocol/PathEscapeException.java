package org.sockets.protocol;

/**
 * A name the server supplied (a file in a listing, a {@code Content-Disposition} file name) would
 * leave the folder the caller confined it to: {@code ..}, an absolute path, NUL, a symbolic link
 * out. Nothing was created.
 */
public class PathEscapeException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception quoting the name.
     *
     * @param message the name and why it was refused
     */
    public PathEscapeException(String message) {
        super(message);
    }
}
