package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.WebServer;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Against two more implementations, so the client is not fitted to nginx: Python's
 * {@code http.server} (HTTP/1.0 answers: Content-Length then close, and a close-delimited body)
 * and lighttpd (plain and TLS through mod_openssl).
 */
@ExtendWith(NoDescriptorLeaks.class)
class OtherServersTest {

    static WebServer python;
    static WebServer lighttpd;

    @BeforeAll
    static void start() throws IOException {
        python = WebServer.python();
        lighttpd = WebServer.lighttpd();
        KitTest.warmUp();
    }

    @AfterAll
    static void stop() {
        if (python != null) {
            python.close();
        }
        if (lighttpd != null) {
            lighttpd.close();
        }
    }

    @Test
    void pythonAnswersInHttp10AndClosesSoNothingIsPooled() throws IOException {
        try (Http1Client client = Http1Client.create()) {
            for (int i = 0; i < 3; i++) {
                try (Response r = client.get(python.url("/hello.txt"))) {
                    assertEquals("HTTP/1.0", r.version());
                    assertEquals(200, r.status());
                    assertEquals(WebServer.HELLO, r.text());
                }
                assertEquals(0, client.idleConnections(python.url("/")));
            }
        }
    }

    @Test
    void pythonCloseDelimitedHttp10Body() throws IOException {
        try (Http1Client client = Http1Client.create();
             Response r = client.get(python.url("/nolength"))) {
            assertTrue(r.contentLength().isEmpty());
            String body = r.text();
            assertTrue(body.startsWith("close-delimited line 0\n"));
            assertTrue(body.endsWith("close-delimited line 999\n"), body.substring(body.length() - 40));
        }
    }

    @Test
    void pythonHeadNotModifiedAndNotFound() throws IOException {
        try (Http1Client client = Http1Client.create()) {
            String since;
            try (Response r = client.send(Request.head(python.url("/hello.txt")))) {
                assertEquals(Integer.toString(WebServer.HELLO.length()), r.headers().first("Content-Length").orElseThrow());
                assertEquals(0, r.bytes().length);
                since = r.headers().first("Last-Modified").orElseThrow();
            }
            try (Response r = client.send(Request.get(python.url("/hello.txt")).withHeader("If-Modified-Since", since))) {
                assertEquals(304, r.status());
                assertEquals(0, r.bytes().length);
            }
            HttpStatusException e = assertThrows(HttpStatusException.class, () -> client.get(python.url("/missing")).requireSuccess());
            assertEquals(404, e.status());
            assertTrue(e.bodyStartText().contains("404"), e.bodyStartText());
        }
    }

    @Test
    void lighttpdKeepsTheConnectionAlive() throws IOException {
        try (Http1Client client = Http1Client.create()) {
            for (int i = 0; i < 20; i++) {
                try (Response r = client.get(lighttpd.url("/b128.txt"))) {
                    assertEquals(128, r.bytes().length);
                }
                assertEquals(1, client.idleConnections(lighttpd.url("/")), "after exchange " + i);
            }
            try (Response r = client.send(Request.head(lighttpd.url("/hello.txt")))) {
                assertEquals(0, r.bytes().length);
            }
            try (Response r = client.get(lighttpd.url("/hello.txt"))) {
                assertEquals(WebServer.HELLO, new String(r.bytes(), StandardCharsets.UTF_8));
            }
            assertEquals(1, client.idleConnections(lighttpd.url("/")));
        }
    }

    @Test
    void lighttpdOverTls() throws IOException {
        ClientOptions tls = ClientOptions.defaults().withTrustedCertificates(lighttpd.caPem());
        try (Http1Client client = Http1Client.create(tls)) {
            for (int i = 0; i < 3; i++) {
                try (Response r = client.get(lighttpd.tlsUrl("/gzip/text.txt"))) {
                    assertEquals(WebServer.longText(), r.text());
                }
            }
            assertEquals(1, client.idleConnections(lighttpd.tlsUrl("/")));
            try (Response r = client.get(lighttpd.tlsUrl("/missing"))) {
                assertEquals(404, r.status());
                assertFalse(r.isSuccess());
            }
        }
    }
}
