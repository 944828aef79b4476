/**
 * An FTP client: start with {@link org.sockets.ftp.FtpClient#builder(String)}. One
 * {@link org.sockets.ftp.FtpClient} is one control connection, logged in, that runs the file and
 * folder commands and opens passive or active data connections for streamed transfers (with
 * resume) and listings. Listings come as raw lines or as {@link org.sockets.ftp.FtpEntry} values,
 * read by a {@link org.sockets.ftp.ListingFormat} (MLSD / MLST facts, Unix or Windows LIST).
 */
package org.sockets.ftp;
