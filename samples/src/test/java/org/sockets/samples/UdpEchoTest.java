package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.PeerProcess;

/** The UDP echo server and client samples, run against each other in-process and as two commands. */
class UdpEchoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theClientGetsItsMessageBackFromTheServer() throws Exception {
        for (Family f : new Family[] {Family.INET, Family.INET6}) {
            int before = Fds.count();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (Endpoint server = Sockets.open(f, SocketType.DGRAM)) {
                server.bind(Address.of(f == Family.INET ? "127.0.0.1" : "::1", 0)).timeout(WAIT);
                CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                    try {
                        UdpEchoServer.serve(server, 2, new PrintStream(log, true, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Address at = server.localAddress();
                assertEquals("hello", UdpEchoClient.echo(f, at, "hello", WAIT));
                String big = "x".repeat(60_000); // one datagram, echoed whole
                assertEquals(big, UdpEchoClient.echo(f, at, big, WAIT));
                served.get(20, TimeUnit.SECONDS);
            }
            String printed = log.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("Listening on "), printed);
            assertTrue(printed.contains("Echoing 5 bytes to ('" + (f == Family.INET ? "127.0.0.1" : "::1") + "'"), printed);
            assertTrue(printed.contains("Echoing 60000 bytes"), printed);
            Fds.assertBackTo(before);
        }
    }

    @Test
    void theClientSaysSoWhenNoServerListens() throws IOException {
        int port;
        try (Endpoint e = Sockets.open(Family.INET, SocketType.DGRAM)) {
            port = ((Address.Ip) e.bind(Address.of("127.0.0.1", 0)).localAddress()).port();
        }
        assertThrows(PortUnreachableException.class, () -> UdpEchoClient.echo(Family.INET, Address.of("127.0.0.1", port), "anyone?", WAIT));
    }

    @Test
    void theTwoCommandsTalkToEachOther() throws IOException {
        // As bin/sample runs them: two JVMs, the samples module and its transports on the module path.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "tests run on the module path");
        String main = "org.sockets.samples/org.sockets.samples.Main";
        try (PeerProcess server = PeerProcess.start(java, "-p", modulePath, "-m", main, "udp-echo-server", "--port", "0", "--count", "1")) {
            String listening = server.awaitLine(l -> l.startsWith("Listening on "), Duration.ofSeconds(30));
            String port = listening.replaceAll(".*:(\\d+) \\(UDP\\)$", "$1");
            try (PeerProcess client = PeerProcess.start(java, "-p", modulePath, "-m", main, "udp-echo-client", "--port", port, "--message", "hi there")) {
                client.awaitExit(Duration.ofSeconds(30));
                assertEquals(0, client.exitValue(), "client: " + client.seen());
                assertTrue(client.seen().contains("Received hi there"), "client: " + client.seen());
            }
            assertTrue(server.awaitLine(l -> l.startsWith("Echoing"), WAIT).startsWith("Echoing 8 bytes to ('127.0.0.1', "));
            server.awaitExit(Duration.ofSeconds(20));
            assertEquals(0, server.exitValue(), "server: " + server.seen());
        }
    }
}
