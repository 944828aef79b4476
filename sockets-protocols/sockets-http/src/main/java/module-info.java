/**
 * The HTTP/1.1 client (RFC 9110, RFC 9112) over any stream transport — TCP, TLS, a Unix socket
 * (a Docker-style daemon socket) or a user's own — with a connection pool per origin, and the
 * {@code http://} / {@code https://} provider of the URL front door. Start with
 * {@link org.sockets.http.Http1Client#create()}.
 */
module org.sockets.http {
    requires transitive org.sockets.protocol;
    requires org.slf4j;

    exports org.sockets.http;

    provides org.sockets.protocol.spi.ProtocolProvider with org.sockets.http.internal.HttpProvider;
}
