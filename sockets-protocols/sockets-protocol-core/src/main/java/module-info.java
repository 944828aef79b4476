/**
 * The shared machinery of the protocol clients (POP3, HTTP, FTP, SMTP, IMAP4, NNTP, Telnet,
 * Gopher): one connection type with bounded readers, one command writer, the reply readers, one
 * TLS policy for credentials, client options, and the {@code ProtocolProvider} SPI.
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
}
