package org.sockets.xmlrpc;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;

/** HTTP answers scripted for the protocol kit's hostile server. */
final class KitScripts {

    private KitScripts() {
    }

    /** Reads one request: its header block, then the XML-RPC body up to {@code </methodCall>}. */
    static Script readRequest() {
        return Script.of().expectMatching("POST /RPC2 HTTP/1\\.1").then("read the headers and the methodCall", s -> {
            for (int i = 0; i < 100; i++) {
                String line = s.readLine();
                if (line == null) {
                    throw new IOException("the client closed inside its header block");
                }
                if (line.isEmpty()) {
                    break;
                }
            }
            for (int i = 0; i < 10_000; i++) {
                String line = s.readLine();
                if (line == null) {
                    throw new IOException("the client closed inside its methodCall");
                }
                if (line.equals("</methodCall>")) {
                    return;
                }
            }
            throw new IOException("no </methodCall> in 10,000 lines");
        });
    }

    /** The header block of a 200 answer with this body length, closing after it. */
    static String head(long length) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** The header block of a 200 answer with this body length, keeping the connection. */
    static String keepAliveHead(long length) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** Reads the request, answers with {@code document}, closes. */
    static Script answer(String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        return readRequest().send(head(body.length)).send(body).close();
    }

    /**
     * Reads the request, then answers {@code prefix}, {@code count} repetitions of {@code fill}
     * streamed by the kit (never held), then {@code suffix}, with the exact Content-Length.
     */
    static Script streamed(String prefix, String fill, long count, String suffix) {
        long length = prefix.getBytes(StandardCharsets.UTF_8).length + count * fill.getBytes(StandardCharsets.UTF_8).length
                + suffix.getBytes(StandardCharsets.UTF_8).length;
        return readRequest().send(head(length) + prefix).sendRepeated(fill, count * fill.length()).send(suffix).close();
    }

    static XmlRpcClient client(HostileServer server) {
        return client(server, false);
    }

    static XmlRpcClient client(HostileServer server, boolean allowNone) {
        return XmlRpcClient.builder(URI.create("http://127.0.0.1:" + server.port() + "/RPC2"))
                .options(ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)))
                .allowNone(allowNone).build();
    }
}
