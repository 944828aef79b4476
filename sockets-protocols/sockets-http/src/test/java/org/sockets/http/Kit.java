package org.sockets.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.TestCertificates;

/** Shared pieces of the tests against the hostile kit server. */
final class Kit {

    static final Duration WAIT = Duration.ofSeconds(20);

    private Kit() {
    }

    /** Reads one request head (request line and fields, up to the empty line); fails at end of stream. */
    static Script request(Script s) {
        return s.then("read a request head", session -> {
            String line = session.readLine();
            if (line == null) {
                throw new IOException("no request");
            }
            while (!(line = session.readLine()).isEmpty()) {
                if (line == null) {
                    throw new IOException("request head cut");
                }
            }
        });
    }

    /** A script answering one request with {@code answer}, then closing. */
    static Script answer(String answer) {
        return request(Script.of()).send(answer).close();
    }

    static ClientOptions options() throws IOException {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(5))
                .withTrustedCertificates(TestCertificates.get().caPem());
    }

    static URI url(HostileServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static URI tlsUrl(HostileServer s, String path) {
        return URI.create("https://localhost:" + s.port() + path);
    }
}
