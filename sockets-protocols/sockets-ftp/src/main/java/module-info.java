/**
 * The plain FTP client (RFC 959 with RFC 1123, FEAT/OPTS RFC 2389, EPSV/EPRT RFC 2428,
 * MLSD/MLST/SIZE/MDTM/REST RFC 3659, UTF-8 paths RFC 2640) over any stream transport, and the
 * {@code ftp://} provider of the URL front door (RFC 1738).
 */
module org.sockets.ftp {
    requires transitive org.sockets.protocol;
    requires org.slf4j;

    exports org.sockets.ftp;

    provides org.sockets.protocol.spi.ProtocolProvider with org.sockets.ftp.internal.FtpProvider;
}
