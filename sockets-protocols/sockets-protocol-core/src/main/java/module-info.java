/**
 * The shared machinery of the protocol clients (POP3, HTTP, FTP, SMTP, IMAP4, NNTP, Telnet,
 * Gopher): one connection type with bounded readers, one command writer, the reply readers, one
 * TLS policy for credentials, client options, and the URL front door
 * ({@link org.sockets.protocol.Protocols}) with its {@link org.sockets.protocol.spi.ProtocolProvider}
 * SPI, found with {@link java.util.ServiceLoader}.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code org.sockets.protocol.SCHEME} (e.g. {@code org.sockets.protocol.pop3=pop3}): the name
 *       of the protocol provider to use for that URL scheme, overriding priorities. Default: unset.</li>
 * </ul>
 */
module org.sockets.protocol {
    requires transitive org.sockets.api;
    requires transitive org.sockets.tls;
    requires org.slf4j;
    // SASL: the JDK's client mechanisms and the exception types they throw.
    requires transitive java.security.sasl;

    exports org.sockets.protocol;
    exports org.sockets.protocol.spi;
    exports org.sockets.protocol.sasl;

    uses org.sockets.protocol.spi.ProtocolProvider;
}
