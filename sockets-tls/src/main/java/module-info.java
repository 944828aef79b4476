/**
 * TLS over any connected stream {@link org.sockets.api.Endpoint}: Python's
 * {@code ssl.SSLContext.wrap_socket} for this library's endpoints, on the JDK's
 * {@link javax.net.ssl.SSLEngine}. A decorator, not a transport: it imports no transport, so it
 * runs over TCP, a Unix socket or a user's own endpoint alike.
 */
module org.sockets.tls {
    requires transitive org.sockets.api;

    exports org.sockets.tls;
}
