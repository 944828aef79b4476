package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Every bad answer of issue #17 from the hostile kit server: a clear typed error, the connection
 * discarded (never pooled), nothing leaked. And the retry rule: a pooled connection closed after
 * reading a POST is an error with exactly one POST seen; a GET in the same case is retried once.
 */
@ExtendWith(NoDescriptorLeaks.class)
class KitTest {

    @BeforeAll
    static void warmUp() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
             Http1Client client = Http1Client.create(Kit.options());
             Response r = client.get(Kit.url(s, "/"))) {
            r.bytes();
        }
    }

    /** Sends a GET to a server answering {@code answer}, reads the body whole; returns the failure. */
    static IOException failure(String answer) throws IOException {
        try (HostileServer s = HostileServer.start(Kit.answer(answer));
             Http1Client client = Http1Client.create(Kit.options())) {
            IOException e = assertThrows(IOException.class, () -> {
                try (Response r = client.get(Kit.url(s, "/x"))) {
                    r.bytes();
                }
            });
            assertEquals(0, client.idleConnections(Kit.url(s, "/")), "a connection after a bad answer is never pooled");
            s.awaitResult(Kit.WAIT);
            return e;
        }
    }

    @Test
    void contentLengthWithTransferEncodingIsRefused() throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertInstanceOf(MalformedReplyException.class, e);
        assertTrue(e.getMessage().contains("Transfer-Encoding together with Content-Length"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 3, 4", "Content-Length: 3\r\nContent-Length: 4"})
    void contentLengthsThatDifferAreRefused(String fields) throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\n" + fields + "\r\n\r\nabcd");
        assertInstanceOf(MalformedReplyException.class, e);
        assertTrue(e.getMessage().contains("values differ"), e.getMessage());
    }

    @Test
    void contentLengthListOfOneValueIsThatValue() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc"));
             Http1Client client = Http1Client.create(Kit.options());
             Response r = client.get(Kit.url(s, "/"))) {
            assertEquals("abc", r.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "99999999999999999999", "1e3", "+5", "0x10", ""})
    void negativeOverflowingAndNonDigitLengthsAreRefused(String value) throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\nabc");
        assertInstanceOf(MalformedReplyException.class, e);
        assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "", "-1", "1000000000000000", "3 x", "3;ext=\u0001", "0x3"})
    void malformedChunkSizesAreRefused(String size) throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nabc\r\n0\r\n\r\n");
        assertInstanceOf(MalformedReplyException.class, e);
        assertTrue(e.getMessage().contains("chunk"), e.getMessage());
    }

    @Test
    void chunkWithoutItsCrlfIsRefused() throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n");
        assertInstanceOf(MalformedReplyException.class, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "chunked, chunked", "chunked, gzip", "identity"})
    void transferCodingsOtherThanAFinalChunkedAreRefused(String te) throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: " + te + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertInstanceOf(MalformedReplyException.class, e);
    }

    @Test
    void endlessInformationalAnswersAreCut() throws IOException {
        IOException e = failure("HTTP/1.1 100 Continue\r\n\r\n".repeat(1000) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertInstanceOf(LimitExceededException.class, e);
        assertTrue(e.getMessage().contains("informational"), e.getMessage());
    }

    @Test
    void endlessHeadersAreCut() throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\n" + "X-Filler: 0123456789012345678901234567890123456789\r\n".repeat(5000));
        assertInstanceOf(LimitExceededException.class, e);
        IOException many = failure("HTTP/1.1 200 OK\r\n" + "X-A: b\r\n".repeat(101) + "Content-Length: 0\r\n\r\n");
        assertInstanceOf(LimitExceededException.class, many);
    }

    @Test
    void endlessTrailersAreCut() throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n"
                + "X-Trailer: 0123456789012345678901234567890123456789\r\n".repeat(5000));
        assertInstanceOf(LimitExceededException.class, e);
    }

    @Test
    void hugeDeclaredLengthIsRefusedInMemoryBeforeAnyByteIsRead() throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\nabc");
        assertInstanceOf(LimitExceededException.class, e);
        assertTrue(e.getMessage().contains("1000000000000"), e.getMessage());
    }

    @Test
    void hugeDeclaredLengthStreamedIsATruncationWhenTheServerStops() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.answer("HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\nabc"));
             Http1Client client = Http1Client.create(Kit.options());
             Response r = client.get(Kit.url(s, "/"))) {
            TruncatedTransferException e = assertThrows(TruncatedTransferException.class, () -> r.body().transferTo(java.io.OutputStream.nullOutputStream()));
            assertEquals(3, e.received());
        }
    }

    @Test
    void bodyShorterThanItsLengthIsATruncation() throws IOException {
        IOException e = failure("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
        TruncatedTransferException t = assertInstanceOf(TruncatedTransferException.class, e);
        assertEquals(10, t.received());
    }

    @Test
    void chunkedBodyWithoutItsLastChunkIsATruncation() throws IOException {
        assertInstanceOf(TruncatedTransferException.class, failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"));
        assertInstanceOf(TruncatedTransferException.class, failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc"));
        assertInstanceOf(TruncatedTransferException.class,
                failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "ICY 200 OK", "HTTP/1.1 099 Low",
            "HTTP/1.1 200 O\u0001K", "HTTP/1.1 101 Switching Protocols"})
    void badStatusLinesAreRefused(String status) throws IOException {
        assertInstanceOf(MalformedReplyException.class, failure(status + "\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void foldedHeaderLinesAreRefused() throws IOException {
        assertInstanceOf(MalformedReplyException.class,
                failure("HTTP/1.1 200 OK\r\nX-A: b\r\n  folded\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void closeDelimitedBodyOverTlsWithoutCloseNotifyIsAnError() throws IOException {
        Script s = Kit.request(Script.of()).send("HTTP/1.1 200 OK\r\n\r\nall of it?").close();   // FIN, no close_notify
        try (HostileServer server = HostileServer.startImplicitTls(s, HostileServer.testTlsContext());
             Http1Client client = Http1Client.create(Kit.options());
             Response r = client.get(Kit.tlsUrl(server, "/"))) {
            IOException e = assertThrows(IOException.class, r::bytes);
            assertTrue(e.getClass().getSimpleName().contains("Truncat"), e.toString());
        }
    }

    // ---------------------------------------------------------------- retry rule

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** Answers the first request, then reads the second and closes without answering. */
    private static Script answerOnceThenCloseAfterReading() {
        return Kit.request(Kit.request(Script.of()).send(OK)).close();
    }

    @Test
    void postOnAPooledConnectionClosedWithoutAnswerIsATypedErrorAndNotRepeated() throws IOException {
        try (HostileServer s = HostileServer.start(answerOnceThenCloseAfterReading());
             Http1Client client = Http1Client.create(Kit.options())) {
            try (Response r = client.get(Kit.url(s, "/warm"))) {
                assertEquals("ok", r.text());
            }
            assertEquals(1, client.idleConnections(Kit.url(s, "/")));
            NoResponseException e = assertThrows(NoResponseException.class,
                    () -> client.send(Request.post(Kit.url(s, "/order"), RequestBody.of("buy 1"))));
            assertTrue(e.reused());
            HostileServer.Result first = s.awaitResult(Kit.WAIT);
            assertEquals(1, count(first.receivedText(), "POST /order "), first.receivedText());
            // No second connection was opened for it: no other session ends.
            assertThrows(AssertionError.class, () -> s.awaitResult(java.time.Duration.ofMillis(300)));
        }
    }

    @Test
    void getOnAPooledConnectionClosedWithoutAnswerIsRetriedOnceOnAFreshOne() throws IOException {
        try (HostileServer s = HostileServer.start(answerOnceThenCloseAfterReading());
             Http1Client client = Http1Client.create(Kit.options())) {
            try (Response r = client.get(Kit.url(s, "/warm"))) {
                assertEquals("ok", r.text());
            }
            try (Response r = client.get(Kit.url(s, "/again"))) {
                assertEquals("ok", r.text());
            }
            HostileServer.Result first = s.awaitResult(Kit.WAIT);
            assertEquals(1, count(first.receivedText(), "GET /again "), first.receivedText());
            client.close();  // ends the second connection's script
            HostileServer.Result second = s.awaitResult(Kit.WAIT);
            assertEquals(1, count(second.receivedText(), "GET /again "), second.receivedText());
        }
    }

    @Test
    void aPostSkipsAPooledConnectionTheServerHasAlreadyClosed() throws IOException, InterruptedException {
        try (HostileServer s = HostileServer.start(Kit.request(Script.of()).send(OK).close());
             Http1Client client = Http1Client.create(Kit.options())) {
            try (Response r = client.get(Kit.url(s, "/warm"))) {
                assertEquals("ok", r.text());
            }
            s.awaitResult(Kit.WAIT);   // the server has closed the idle connection
            Thread.sleep(100);         // and its FIN has reached us
            try (Response r = client.send(Request.post(Kit.url(s, "/order"), RequestBody.of("buy 1")))) {
                assertEquals("ok", r.text());
            }
            assertEquals(1, count(s.awaitResult(Kit.WAIT).receivedText(), "POST /order "));
        }
    }

    @Test
    void aFreshConnectionClosedWithoutAnswerIsNotRetried() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.request(Script.of()).close());
             Http1Client client = Http1Client.create(Kit.options())) {
            NoResponseException e = assertThrows(NoResponseException.class, () -> client.get(Kit.url(s, "/")));
            assertTrue(!e.reused());
            s.awaitResult(Kit.WAIT);
        }
    }

    static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
