package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * SO_REUSEADDR on a plain endpoint (not {@code Sockets.listen}): on by default so a server
 * restarts at once, read back truly at every stage, and the port held by the endpoint from bind
 * through listen.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ReuseAddressTest {

    private static int port(Endpoint e) throws Exception {
        return ((Address.Ip) e.localAddress()).port();
    }

    @Test
    void theOptionReadsWhatTheSocketHasAtEveryStage() throws Exception {
        for (Family f : List.of(Family.INET, Family.INET6)) {
            Address local = Address.of(f == Family.INET ? Loopback.V4 : Loopback.V6, 0);
            try (Endpoint e = Sockets.open(f, SocketType.STREAM)) {
                assertEquals(true, e.option(Options.SO_REUSEADDR), f + " open");
                e.bind(local);
                assertEquals(true, e.option(Options.SO_REUSEADDR), f + " bound");
                e.listen(5);
                assertEquals(true, e.option(Options.SO_REUSEADDR), f + " listening");
            }
            try (Endpoint e = Sockets.open(f, SocketType.STREAM).option(Options.SO_REUSEADDR, false)) {
                assertEquals(false, e.option(Options.SO_REUSEADDR), f + " open, set false");
                e.bind(local);
                assertEquals(false, e.option(Options.SO_REUSEADDR), f + " bound, set false");
                e.listen(5);
                assertEquals(false, e.option(Options.SO_REUSEADDR), f + " listening, set false");
                try (Endpoint c = Sockets.open(f, SocketType.STREAM).connect(e.localAddress()); Endpoint a = e.accept()) {
                    assertEquals(c.localAddress(), a.peerAddress());
                }
            }
        }
    }

    @Test
    void aServerRebindsItsPortAtOnceWhileItsLastConnectionIsInTimeWait() throws Exception {
        int port;
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM)) {
            server.bind(Address.of(Loopback.V4, 0)).listen(5);
            port = port(server);
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(server.localAddress())) {
                server.accept().close(); // the server closes first: its end goes to TIME_WAIT
                assertArrayEquals(new byte[0], c.recv(1));
            }
        }
        // What bin/demo run twice does: the same bind and listen, at once, on the same port.
        Address again = Address.of(Loopback.V4, port);
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM)) {
            server.bind(again).listen(5);
            assertEquals(port, port(server));
        }
        // Python's plain-socket behaviour when asked for.
        try (Endpoint strict = Sockets.open(Family.INET, SocketType.STREAM).option(Options.SO_REUSEADDR, false)) {
            BindException e = assertThrows(BindException.class, () -> strict.bind(again));
            assertEquals(true, e.getMessage().contains(again.toString()), e.getMessage());
        }
    }

    @Test
    void theEndpointHoldsItsPortFromBindThroughListen() throws Exception {
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM).bind(Address.of(Loopback.V4, 0))) {
            Address at = server.localAddress();
            try (Endpoint strict = Sockets.open(Family.INET, SocketType.STREAM).option(Options.SO_REUSEADDR, false)) {
                assertThrows(BindException.class, () -> strict.bind(at), "bound, not yet listening");
            }
            server.listen(5);
            for (boolean reuse : new boolean[] {false, true}) {
                try (Endpoint other = Sockets.open(Family.INET, SocketType.STREAM).option(Options.SO_REUSEADDR, reuse)) {
                    assertThrows(BindException.class, () -> other.bind(at), "listening; the other's SO_REUSEADDR " + reuse);
                }
            }
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(at); Endpoint a = server.accept()) {
                assertEquals(c.localAddress(), a.peerAddress());
            }
        }
    }
}
