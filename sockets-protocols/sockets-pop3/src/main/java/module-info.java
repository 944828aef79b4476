/**
 * The POP3 client (RFC 1939 with CAPA, STLS, AUTH, response codes, UTF8: RFC 2449, 2595, 5034,
 * 3206, 6856) over any stream transport, and the {@code pop3://} / {@code pop3s://} / {@code pop://}
 * provider of the URL front door. Start with {@link org.sockets.pop3.Pop3Client#builder(String)}.
 */
module org.sockets.pop3 {
    requires transitive org.sockets.protocol;
    requires org.slf4j;

    exports org.sockets.pop3;

    provides org.sockets.protocol.spi.ProtocolProvider with org.sockets.pop3.internal.Pop3Provider;
}
