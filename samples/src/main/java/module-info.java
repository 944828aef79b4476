/**
 * Runnable samples of the sockets library, one command each: {@code bin/sample NAME}.
 *
 * <p>The module uses the API (and {@code org.sockets.unix}'s Unix-only types); transports come
 * from the module path through {@link java.util.ServiceLoader}. It also provides a sample transport of its own, an in-memory
 * one, with a negative priority so it serves only callers that name it. {@code bin/sample fetch}
 * is the URL front door ({@code org.sockets.protocol.Protocols}) as a command: it serves the
 * schemes of whichever protocol modules are on the module path.
 */
module org.sockets.samples {
    requires org.sockets.api;
    // The Unix samples use the Unix-only API (descriptors, UnixEndpoint); the transport itself
    // is still found by ServiceLoader.
    requires org.sockets.unix;
    // The TLS echo samples.
    requires org.sockets.tls;
    // The fetch sample: the URL front door; protocol modules are found through its ServiceLoader.
    requires org.sockets.protocol;
    // The pop3-list sample uses the POP3 client's API (and fetch finds its provider).
    requires org.sockets.pop3;
    // The http-get sample uses the HTTP client's API (and fetch finds its provider for http, https).
    requires org.sockets.http;
    // The xmlrpc-call sample uses the XML-RPC client.
    requires org.sockets.xmlrpc;
    // The ftp-list / ftp-get / ftp-put samples use the FTP client's API (and fetch finds its provider).
    requires org.sockets.ftp;

    exports org.sockets.samples;
    exports org.sockets.samples.memory;

    provides org.sockets.api.spi.TransportProvider with org.sockets.samples.memory.MemoryTransportProvider;
}
