package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/** {@code bin/sample xmlrpc-call} against Python's own {@code SimpleXMLRPCServer}. */
@ExtendWith(NoDescriptorLeaks.class)
class XmlRpcSampleTest {

    static Path dir;
    static PeerProcess python;
    static String url;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("xmlrpc-sample");
        Path script = dir.resolve("xmlrpc_server.py");
        try (InputStream in = XmlRpcSampleTest.class.getResourceAsStream("/python/xmlrpc_server.py")) {
            Files.copy(in, script);
        }
        python = PeerProcess.start(Peers.program("python3").toString(), script.toString());
        url = "http://127.0.0.1:" + python.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(20)).substring(5) + "/RPC2";
        run(url, "add", "1", "2");   // the JDK's once-per-process descriptors, before the first count
    }

    @AfterAll
    static void stop() throws IOException {
        if (python != null) {
            python.close();
        }
        Files.deleteIfExists(dir.resolve("xmlrpc_server.py"));
        Files.deleteIfExists(dir);
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = XmlRpcSample.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCall() {
        assertEquals(new Run(0, "5\n", ""), run(url, "add", "2", "3"));
        assertEquals(new Run(0, "\"ab\"\n", ""), run(url, "add", "a", "b"));
    }

    @Test
    void argumentsBecomeTheirPlainestType() {
        Run r = run(url, "echo", "1", "-2.5", "true", "text with spaces", "99999999999", "nil", "--allow-none");
        assertEquals(new Run(0, "[1, -2.5, true, \"text with spaces\", \"99999999999\", nil]\n", ""), r);
    }

    @Test
    void aFault() {
        Run r = run(url, "fail", "42", "no such thing");
        assertEquals(3, r.status());
        assertEquals("xmlrpc-call: fault 42: no such thing\n", r.err());
    }

    @Test
    void failuresAndUsage() {
        Run nil = run(url, "echo", "nil");
        assertEquals(1, nil.status());
        assertTrue(nil.err().contains("IllegalArgumentException") && nil.err().contains("allowNone"), nil.err());
        Run usage = run(url);
        assertEquals(2, usage.status());
        assertTrue(usage.err().startsWith("xmlrpc-call: usage error: URL and METHOD are required"), usage.err());
        List<String> bad = new ArrayList<>(List.of("ftp://127.0.0.1/x", "m"));
        assertEquals(2, run(bad.toArray(String[]::new)).status());
    }
}
