package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.testkit.WebServer;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Against nginx, started once for the class: every framing from a real server (Content-Length,
 * chunked with gzip, trailers with add_trailer, close-delimited with chunked_transfer_encoding off),
 * HEAD, 204, 304, 100-continue with a 413, keep-alive proven by nginx's own $connection, the
 * keepalive_timeout retry, HTTPS and the Unix socket.
 */
@ExtendWith(NoDescriptorLeaks.class)
class NginxTest {

    static WebServer nginx;
    static ClientOptions tls;

    @BeforeAll
    static void start() throws IOException {
        nginx = WebServer.nginx();
        tls = ClientOptions.defaults().withTrustedCertificates(nginx.caPem());
        // The Unix transport's poller and the TLS provider are made once per process: warm them up
        // before any test counts descriptors.
        try (Http1Client client = Http1Client.create(ClientOptions.defaults().withConnector(Connector.unixPath(nginx.unixSocket())));
             Response r = client.get(java.net.URI.create("http://localhost/hello.txt"))) {
            r.bytes();
        }
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void contentLengthBody() throws IOException {
        try (Http1Client client = Http1Client.create();
             Response r = client.get(nginx.url("/hello.txt"))) {
            assertEquals(200, r.status());
            assertEquals("OK", r.reason());
            assertEquals("HTTP/1.1", r.version());
            assertEquals(WebServer.HELLO.length(), r.contentLength().orElseThrow());
            assertEquals("text/plain", r.headers().first("content-type").orElseThrow());
            assertEquals(WebServer.HELLO, r.text());
            assertEquals(Headers.of(), r.trailers());
        }
    }

    @Test
    void chunkedGzipBodyWithTrailers() throws IOException {
        try (Http1Client client = Http1Client.create();
             Response r = client.send(Request.get(nginx.url("/gzip/text.txt")).withHeader("Accept-Encoding", "gzip"))) {
            assertEquals(200, r.status());
            assertEquals("chunked", r.headers().first("Transfer-Encoding").orElseThrow());
            assertEquals("gzip", r.headers().first("Content-Encoding").orElseThrow());
            assertTrue(r.contentLength().isEmpty());
            assertThrows(IllegalStateException.class, r::trailers);
            byte[] gz = r.body().readAllBytes();
            assertEquals(WebServer.longText(), new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
                    StandardCharsets.UTF_8));
            assertEquals("all-sent", r.trailers().first("X-Trailer-Check").orElseThrow());
        }
    }

    @Test
    void closeDelimitedBodyWhenChunkingIsOff() throws IOException {
        try (Http1Client client = Http1Client.create();
             Response r = client.send(Request.get(nginx.url("/close/text.txt")).withHeader("Accept-Encoding", "gzip"))) {
            assertEquals(200, r.status());
            assertFalse(r.headers().contains("Transfer-Encoding"));
            assertFalse(r.headers().contains("Content-Length"));
            byte[] gz = r.bytes();
            assertEquals(WebServer.longText(), new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
                    StandardCharsets.UTF_8));
            assertEquals(0, client.idleConnections(nginx.url("/")), "a close-delimited exchange ends its connection");
        }
    }

    @Test
    void closeDelimitedBodyOverTlsEndsWithCloseNotify() throws IOException {
        try (Http1Client client = Http1Client.create(tls);
             Response r = client.send(Request.get(nginx.tlsUrl("/close/text.txt")).withHeader("Accept-Encoding", "gzip"))) {
            assertFalse(r.headers().contains("Content-Length"));
            byte[] gz = r.bytes();
            assertEquals(WebServer.longText(), new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void headHasNoBodyWhateverContentLengthSays() throws IOException {
        try (Http1Client client = Http1Client.create()) {
            try (Response r = client.send(Request.head(nginx.url("/hello.txt")))) {
                assertEquals(200, r.status());
                assertEquals(Integer.toString(WebServer.HELLO.length()), r.headers().first("Content-Length").orElseThrow());
                assertEquals(0, r.bytes().length);
            }
            // The connection is in step: the next answer on it is read right.
            try (Response r = client.get(nginx.url("/hello.txt"))) {
                assertEquals(WebServer.HELLO, r.text());
                assertEquals("2", r.headers().first("X-Connection-Requests").orElseThrow());
            }
        }
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws IOException {
        try (Http1Client client = Http1Client.create()) {
            try (Response r = client.get(nginx.url("/empty"))) {
                assertEquals(204, r.status());
                assertEquals(0, r.bytes().length);
            }
            String since;
            try (Response r = client.get(nginx.url("/hello.txt"))) {
                since = r.headers().first("Last-Modified").orElseThrow();   // nginx: if_modified_since exact
                r.bytes();
            }
            try (Response r = client.send(Request.get(nginx.url("/hello.txt")).withHeader("If-Modified-Since", since))) {
                assertEquals(304, r.status());
                assertEquals(0, r.bytes().length);
            }
            try (Response r = client.get(nginx.url("/hello.txt"))) {
                assertEquals(WebServer.HELLO, r.text());
                assertEquals("4", r.headers().first("X-Connection-Requests").orElseThrow(), "all four on one connection");
            }
        }
    }

    @Test
    void expectContinueRefusedWith413SendsNoBody() throws IOException {
        AtomicLong taken = new AtomicLong();
        InputStream body = new ByteArrayInputStream(new byte[4096]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                taken.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        HttpOptions slowContinue = HttpOptions.defaults().withContinueTimeout(Duration.ofSeconds(10));
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), slowContinue);
             Response r = client.send(Request.post(nginx.url("/upload"), RequestBody.ofStream(body, 4096)).withExpectContinue(true))) {
            assertEquals(413, r.status());
            assertEquals(0, taken.get(), "the body was not read, so not sent");
            r.bytes();
        }
    }

    @Test
    void expectContinueAcceptedSendsTheBody() throws IOException {
        HttpOptions slowContinue = HttpOptions.defaults().withContinueTimeout(Duration.ofSeconds(10));
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), slowContinue);
             Response r = client.send(Request.post(nginx.url("/upload"), RequestBody.of(new byte[512])).withExpectContinue(true))) {
            assertEquals(200, r.status());
            assertEquals("accepted\n", r.text());
        }
    }

    @Test
    void aHundredGetsShareOneConnection() throws IOException {
        Set<String> connections = new HashSet<>();
        try (Http1Client client = Http1Client.create()) {
            for (int i = 1; i <= 100; i++) {
                try (Response r = client.get(nginx.url("/b128.txt"))) {
                    assertEquals(128, r.bytes().length);
                    connections.add(r.headers().first("X-Connection").orElseThrow());
                    assertEquals(Integer.toString(i), r.headers().first("X-Connection-Requests").orElseThrow());
                }
            }
        }
        assertEquals(1, connections.size(), "nginx saw connections " + connections);
    }

    @Test
    void afterKeepaliveTimeoutAGetRetriesOnAFreshConnection() throws IOException, InterruptedException {
        try (Http1Client client = Http1Client.create()) {
            String first;
            try (Response r = client.get(nginx.url("/short/hello.txt"))) {
                assertEquals(WebServer.HELLO, r.text());
                first = r.headers().first("X-Connection").orElseThrow();
            }
            assertEquals(1, client.idleConnections(nginx.url("/")));
            Thread.sleep(2000); // keepalive_timeout 1s: nginx closes the idle connection
            try (Response r = client.get(nginx.url("/short/hello.txt"))) {
                assertEquals(WebServer.HELLO, r.text());
                assertNotEquals(first, r.headers().first("X-Connection").orElseThrow());
                assertEquals("1", r.headers().first("X-Connection-Requests").orElseThrow());
            }
        }
    }

    @Test
    void httpsWithHostNameVerification() throws IOException {
        try (Http1Client client = Http1Client.create(tls)) {
            for (int i = 1; i <= 3; i++) {
                try (Response r = client.get(nginx.tlsUrl("/hello.txt"))) {
                    assertEquals(WebServer.HELLO, r.text());
                    assertEquals(Integer.toString(i), r.headers().first("X-Connection-Requests").orElseThrow());
                }
            }
        }
        // 127.0.0.2 is not a name the certificate holds.
        try (Http1Client client = Http1Client.create(tls)) {
            IOException e = assertThrows(IOException.class,
                    () -> client.get(java.net.URI.create("https://127.0.0.2:" + nginx.tlsPort() + "/hello.txt")));
            assertTrue(e.toString().toLowerCase().contains("certificate") || e.toString().contains("127.0.0.2"), e.toString());
        }
    }

    @Test
    void overNginxsUnixSocketWithTheHostFromTheUrl() throws IOException {
        ClientOptions unix = ClientOptions.defaults().withConnector(Connector.unixPath(nginx.unixSocket()));
        try (Http1Client client = Http1Client.create(unix)) {
            for (int i = 1; i <= 3; i++) {
                try (Response r = client.get(java.net.URI.create("http://localhost/hello.txt"))) {
                    assertEquals(WebServer.HELLO, r.text());
                    assertEquals(Integer.toString(i), r.headers().first("X-Connection-Requests").orElseThrow());
                }
            }
        }
    }

    @Test
    void notFoundIsAResponseAndRequireSuccessMakesItTheTypedError() throws IOException {
        try (Http1Client client = Http1Client.create()) {
            Response r = client.get(nginx.url("/missing.txt"));
            assertEquals(404, r.status());
            HttpStatusException e = assertThrows(HttpStatusException.class, r::requireSuccess);
            assertEquals(404, e.status());
            assertEquals("404", e.code());
            assertEquals("Not Found", e.reason());
            assertTrue(e.bodyStartText().contains("404 Not Found"), e.bodyStartText());
            assertTrue(e.headers().contains("X-Connection"));
            assertArrayEquals(e.bodyStart(), e.bodyStart());
        }
    }

    @Test
    void theFrontDoorGivesTheBody() throws IOException {
        try (Retrieval r = Protocols.open(nginx.url("/hello.txt"))) {
            assertEquals(WebServer.HELLO, new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(WebServer.HELLO.length(), r.length().orElseThrow());
            assertEquals("text/plain", r.contentType().orElseThrow());
        }
        try (Retrieval r = Protocols.open(nginx.tlsUrl("/gzip/text.txt"), tls)) {
            assertEquals(WebServer.longText(), new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theFrontDoorRaisesTheTypedErrorForNon2xx() {
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> Protocols.open(nginx.url("/missing.txt")));
        assertEquals(404, e.status());
        assertTrue(e.bodyStartText().contains("404 Not Found"), e.bodyStartText());
        assertEquals(nginx.url("/missing.txt"), e.uri());
    }

    enum Transport { TCP, TLS, UNIX }

    static ClientOptions options(Transport t) {
        return switch (t) {
            case TCP -> ClientOptions.defaults();
            case TLS -> tls;
            case UNIX -> ClientOptions.defaults().withConnector(Connector.unixPath(nginx.unixSocket()));
        };
    }

    static java.net.URI url(Transport t, String path) {
        return switch (t) {
            case TCP -> nginx.url(path);
            case TLS -> nginx.tlsUrl(path);
            case UNIX -> java.net.URI.create("http://localhost" + path);
        };
    }

    /** The conformance pass, once per transport: every framing and the bodiless answers on one kept-alive connection. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Transport.class)
    void everyFramingOverEachTransport(Transport t) throws IOException {
        try (Http1Client client = Http1Client.create(options(t))) {
            String connection;
            try (Response r = client.get(url(t, "/hello.txt"))) {
                assertEquals(WebServer.HELLO, r.text());
                connection = r.headers().first("X-Connection").orElseThrow();
            }
            try (Response r = client.send(Request.get(url(t, "/gzip/text.txt")).withHeader("Accept-Encoding", "gzip"))) {
                byte[] gz = r.body().readAllBytes();
                assertEquals(WebServer.longText(), new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
                        StandardCharsets.UTF_8));
                assertEquals("all-sent", r.trailers().first("X-Trailer-Check").orElseThrow());
            }
            try (Response r = client.send(Request.head(url(t, "/hello.txt")))) {
                assertEquals(0, r.bytes().length);
            }
            try (Response r = client.get(url(t, "/empty"))) {
                assertEquals(204, r.status());
            }
            try (Response r = client.get(url(t, "/hello.txt"))) {
                assertEquals(WebServer.HELLO, r.text());
                assertEquals(connection, r.headers().first("X-Connection").orElseThrow(), "one connection for all five");
                assertEquals("5", r.headers().first("X-Connection-Requests").orElseThrow());
            }
            try (Response r = client.send(Request.get(url(t, "/close/text.txt")).withHeader("Accept-Encoding", "gzip"))) {
                assertTrue(r.contentLength().isEmpty());
                assertEquals(WebServer.longText(), new String(new GZIPInputStream(new ByteArrayInputStream(r.bytes())).readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    /** Python's own http.client against the same nginx, as an oracle: the same status, length and body. */
    @Test
    void pythonsHttpClientAgreesOnTheChunkedBody() throws IOException, InterruptedException {
        java.nio.file.Path python = org.sockets.testkit.Peers.program("python3");
        String script = "import http.client, hashlib, sys\n"
                + "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))\n"
                + "c.request('GET', '/gzip/text.txt', headers={'Accept-Encoding': 'gzip'})\n"
                + "r = c.getresponse(); b = r.read()\n"
                + "print(r.status, len(b), hashlib.sha256(b).hexdigest())\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, Integer.toString(nginx.port())).redirectErrorStream(true).start();
        String oracle;
        try (InputStream in = p.getInputStream()) {
            oracle = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        try (Http1Client client = Http1Client.create();
             Response r = client.send(Request.get(nginx.url("/gzip/text.txt")).withHeader("Accept-Encoding", "gzip"))) {
            byte[] b = r.bytes();
            String ours;
            try {
                ours = r.status() + " " + b.length + " "
                        + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
            assertEquals(oracle, ours);
        }
    }

    @Test
    void sixteenThreadsShareThePoolAndKeepAtMostSixteenIdle() throws Exception {
        Set<String> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (Http1Client client = Http1Client.create();
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.List<java.util.concurrent.Future<Integer>> all = new java.util.ArrayList<>();
            for (int t = 0; t < 24; t++) {
                all.add(threads.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 25; i++) {
                        try (Response r = client.get(nginx.url("/b128.txt"))) {
                            n += r.bytes().length;
                            connections.add(r.headers().first("X-Connection").orElseThrow());
                        }
                    }
                    return n;
                }));
            }
            for (var f : all) {
                assertEquals(25 * 128, f.get());
            }
            int idle = client.idleConnections(nginx.url("/"));
            assertTrue(idle >= 1 && idle <= 16, "idle " + idle);
            assertTrue(connections.size() <= 24 + 24, "nginx saw " + connections.size() + " connections for 600 GETs");
        }
    }
}
