package org.sockets.protocol;

/**
 * Told how far a large body has moved: an HTTP download or upload, an FTP RETR or STOR. Called on
 * the thread doing the I/O after each chunk the client hands on (not per byte), and once more at
 * the end; it must be quick and must not throw. Shared by every protocol client so a progress bar
 * is written once.
 *
 * {@snippet :
 * TransferProgress bar = (done, total) ->
 *         System.out.printf("\r%d / %s bytes", done, total < 0 ? "?" : Long.toString(total));
 * }
 */
@FunctionalInterface
public interface TransferProgress {

    /**
     * Bytes moved so far in this transfer.
     *
     * @param transferred bytes moved so far, counting from where the transfer started (a resumed
     *                    transfer counts from its restart offset)
     * @param total       the whole size when the server or the caller said it, else {@code -1}
     */
    void progress(long transferred, long total);

    /**
     * A listener that ignores everything (the default).
     *
     * @return the no-op listener
     */
    static TransferProgress none() {
        return (transferred, total) -> { };
    }
}
