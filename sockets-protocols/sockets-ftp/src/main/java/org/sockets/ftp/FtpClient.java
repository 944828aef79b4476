package org.sockets.ftp;

/**
 * An FTP session: one control connection, logged in, that runs commands and opens data
 * connections for transfers and listings.
 */
public final class FtpClient {

    /** The FTP control port, 21. */
    public static final int PORT = 21;

    private FtpClient() {
    }
}
