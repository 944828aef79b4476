/**
 * The XML-RPC client (Python's {@code xmlrpc.client}) over the HTTP client: {@code call(method,
 * args...)} with the standard types mapped to Java types both ways, {@code nil} when enabled,
 * {@code system.multicall}, faults as typed exceptions, and a StAX parser that refuses DTDs and
 * external entities and bounds the document size, the nesting depth and every string and base64
 * value. Its own module so HTTP users do not pull in {@code java.xml}.
 */
module org.sockets.xmlrpc {
    requires transitive org.sockets.protocol;
    // Its options and errors (HttpOptions, HttpStatusException) are part of this module's API.
    requires transitive org.sockets.http;
    requires java.xml;
    requires org.slf4j;

    exports org.sockets.xmlrpc;
}
