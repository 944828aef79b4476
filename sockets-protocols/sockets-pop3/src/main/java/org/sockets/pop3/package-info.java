/**
 * A POP3 client: {@link org.sockets.pop3.Pop3Client}, built with
 * {@link org.sockets.pop3.Pop3Client#builder(String)} from a host, a port and the protocol core's
 * {@link org.sockets.protocol.ClientOptions}. Messages are bytes or streams with CRLF line ends;
 * MIME is left to the caller.
 */
package org.sockets.pop3;
