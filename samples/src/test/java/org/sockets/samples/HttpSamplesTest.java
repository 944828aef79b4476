package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.SocketType;
import org.sockets.protocol.testkit.WebServer;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.unix.UnixEndpoint;

/**
 * {@code bin/sample http-get} and {@code bin/sample fetch http://...} against nginx: over TCP,
 * HTTPS and nginx's own Unix socket (the Host header from the URL).
 */
@ExtendWith(NoDescriptorLeaks.class)
class HttpSamplesTest {

    static WebServer nginx;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        java.security.SecureRandom.getInstance("NativePRNG").nextBytes(new byte[8]);
        UnixEndpoint.pair(SocketType.STREAM).close(); // the Unix transport's descriptor, kept for the process
        nginx = WebServer.nginx();
        get(nginx.tlsUrl("/hello.txt").toString(), "--cacert", nginx.caPem().toString()); // TLS set up once per process
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static Run get(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int s = HttpGet.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsStatusHeadersAndBody() {
        Run r = get(nginx.url("/hello.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("HTTP/1.1 200 OK\n"), r.out());
        assertTrue(r.out().contains("\nContent-Length: " + WebServer.HELLO.length() + "\n"), r.out());
        assertTrue(r.out().endsWith("\n\n" + WebServer.HELLO), r.out());
    }

    @Test
    void overNginxsUnixSocket() {
        Run r = get("--unix-socket", nginx.unixSocket().toString(), "http://localhost/hello.txt");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("HTTP/1.1 200 OK\n"), r.out());
        assertTrue(r.out().endsWith("\n\n" + WebServer.HELLO), r.out());
    }

    @Test
    void headHttpsAndErrors() {
        Run head = get("--head", "--cacert", nginx.caPem().toString(), nginx.tlsUrl("/hello.txt").toString());
        assertEquals(0, head.status(), head.err());
        assertTrue(head.out().endsWith("\n\n"), head.out());
        Run missing = get(nginx.url("/missing").toString());
        assertEquals(22, missing.status());
        assertTrue(missing.out().startsWith("HTTP/1.1 404 Not Found\n"), missing.out());
        assertEquals(2, get("--bogus").status());
        Run refused = get("http://127.0.0.1:1/");
        assertEquals(1, refused.status());
        assertTrue(refused.err().startsWith("http-get: "), refused.err());
    }

    @Test
    void fetchServesHttpThroughTheFrontDoor() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int s = Fetch.run(List.of(nginx.url("/hello.txt").toString()), Map.of(), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, s, err.toString(StandardCharsets.UTF_8));
        assertEquals(WebServer.HELLO, out.toString(StandardCharsets.UTF_8));
    }
}
