/**
 * Test fixtures of the protocol clients, test scope only: the hostile scripted server (on JDK
 * channels and SSLEngine, independent of this library's code), the failing Connector, and
 * fixtures that run real servers.
 */
module org.sockets.protocol.testkit {
    requires transitive org.sockets.protocol;
    requires transitive org.sockets.testkit;
    // The dovecot fixture's OAuth 2 token-info endpoint (loopback HTTP).
    requires jdk.httpserver;

    exports org.sockets.protocol.testkit;
}
