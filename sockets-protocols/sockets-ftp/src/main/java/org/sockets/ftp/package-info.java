/**
 * An FTP client: control connection, login, commands, passive and active data connections,
 * streamed transfers with resume, and directory listings.
 */
package org.sockets.ftp;
