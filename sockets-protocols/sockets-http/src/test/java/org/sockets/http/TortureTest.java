package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.testkit.FailingConnector;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The core's torture test over one HTTP session — a GET (Content-Length body) and a POST (chunked
 * answer with a trailer) on one kept-alive connection, plain and over TLS: run once per I/O call,
 * failing that call; each run ends in a typed IOException and the descriptor count is unchanged.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TortureTest {

    /** Answers each request by its method, so a session that moves to a fresh connection still gets the right answers. */
    static final Script SESSION = Script.of().then("answer GET and POST", s -> {
        for (int i = 0; i < 2; i++) {
            String requestLine = s.readLine();
            if (requestLine == null) {
                return;
            }
            for (String line = s.readLine(); line != null && !line.isEmpty(); line = s.readLine()) {
                // the header block
            }
            if (requestLine.startsWith("POST")) {
                s.readLine(); // the body, one line
                s.send("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ndone\r\n0\r\nX-Sum: 4\r\n\r\n");
            } else {
                s.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            }
        }
    }).awaitClose();

    /** One session: GET then POST; returns the two bodies and the trailer joined. */
    static String session(HostileServer s, boolean tls, ClientOptions o) throws IOException {
        URI base = tls ? Kit.tlsUrl(s, "/") : Kit.url(s, "/");
        try (Http1Client client = Http1Client.create(o)) {
            String get;
            try (Response r = client.get(base.resolve("/item"))) {
                get = r.text();
            }
            try (Response r = client.send(Request.post(base.resolve("/items"), RequestBody.of("name=x\n")))) {
                String post = r.text();
                return get + " " + r.status() + " " + post + " " + r.trailers().first("X-Sum").orElse("?");
            }
        }
    }

    static HostileServer server(boolean tls) throws IOException {
        return tls ? HostileServer.startImplicitTls(SESSION, HostileServer.testTlsContext()) : HostileServer.start(SESSION);
    }

    @BeforeAll
    static void oncePerProcess() throws IOException {
        for (boolean tls : new boolean[] {false, true}) {
            try (HostileServer s = server(tls)) {
                session(s, tls, Kit.options());
                s.awaitResult(Kit.WAIT);
            }
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void failingEachCallOfASessionInTurnEndsInATypedIOExceptionAndLeaksNothing(boolean tls) throws IOException {
        ClientOptions o = Kit.options();
        try (HostileServer s = server(tls)) {
            FailingConnector probe = FailingConnector.counting(Connector.tcp());
            assertEquals("hello 201 done 4", session(s, tls, o.withConnector(probe)));
            s.awaitResult(Kit.WAIT);
            int calls = probe.calls();
            assertTrue(calls >= 5, "a session makes at least 5 I/O calls: " + probe.callNames());
            int before = Fds.count();
            int failed = 0;
            int recovered = 0;
            for (int n = 1; n <= calls; n++) {
                FailingConnector f = FailingConnector.failingCall(Connector.tcp(), n);
                try {
                    // A run may also succeed: the failed call was the POST's no-wait check of its
                    // idle connection (a failure there means "stale": it takes a fresh one), the
                    // close_notify of the client's close, or a call TLS did not make this time.
                    assertEquals("hello 201 done 4", session(s, tls, o.withConnector(f)), "failing call " + n + " of " + f.callNames());
                    recovered++;
                } catch (IOException expected) {
                    failed++;
                }
                // Every connection the run opened ends its session on the server.
                List<String> made = f.callNames();
                long sessions = made.stream().filter("connect"::equals).count()
                        - (made.size() >= n && made.get(n - 1).equals("connect") ? 1 : 0);
                for (int k = 0; k < sessions; k++) {
                    s.awaitResult(Kit.WAIT);
                }
                assertEquals(before, Fds.count(), "descriptors after failing call " + n + " of " + f.callNames());
            }
            // Under TLS a few more calls may be ones the next run does not make (records read in
            // fewer receives); every other failed call must fail the session.
            assertTrue(recovered <= (tls ? 6 : 3), recovered + " of " + calls + " runs recovered");
            assertEquals(calls, failed + recovered);
        }
    }
}
