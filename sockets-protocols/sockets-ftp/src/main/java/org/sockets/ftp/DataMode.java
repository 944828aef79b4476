package org.sockets.ftp;

/** Who opens an FTP data connection. */
public enum DataMode {
    /**
     * The client connects to a port the server names ({@code EPSV}, else {@code PASV}); the host
     * in a {@code PASV} reply is ignored unless trusted explicitly. The default.
     */
    PASSIVE,
    /**
     * The server connects to a port the client names ({@code EPRT}, else {@code PORT}); only a
     * connection from the control connection's peer address is accepted. Not over a Unix socket.
     */
    ACTIVE
}
