package org.sockets.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The client against Python's own XML-RPC server: every type both ways (what Python's server
 * decoded is its proof of what we sent; what its marshaller wrote is the proof we read it), faults,
 * {@code nil}, multicall. Run over TCP, a Unix socket and TLS by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoDescriptorLeaks.class)
abstract class PythonConformance {

    PythonServer server;

    /** Starts the server (once per class). */
    abstract PythonServer startServer() throws IOException;

    /** A builder for a client of the server, over the subclass's transport. */
    abstract XmlRpcClient.Builder builder() throws IOException;

    @BeforeAll
    void start() throws IOException {
        server = startServer();
        // The JDK's once-per-process descriptors (random devices, TLS) open before the first count.
        try (XmlRpcClient c = client()) {
            assertEquals(3, c.call("add", 1, 2));
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    XmlRpcClient client() throws IOException {
        return builder().allowNone(true).build();
    }

    @Test
    void everyTypeSent() throws IOException {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("k", List.of(1, "x"));
        struct.put("n", null);
        try (XmlRpcClient c = client()) {
            List<?> seen = (List<?>) c.call("inspect", 7, (short) 8, (byte) 9, 2147483647L, true, false,
                    "a<b>&c\r\n\t\u00e9\u4e2d\ud83d\ude00", "", 0.1, 1e300, -0.0, 0.1f,
                    LocalDateTime.of(2026, 12, 6, 18, 5, 9), new byte[] {0, 1, (byte) 0xFF}, new byte[0],
                    struct, List.of(), new Object[] {1.5, List.of(true)}, null);
            List<List<Object>> expected = List.of(
                    List.of("int", "7"), List.of("int", "8"), List.of("int", "9"), List.of("int", "2147483647"),
                    List.of("bool", "True"), List.of("bool", "False"),
                    List.of("str", "'a<b>&c\\r\\n\\t\u00e9\u4e2d\ud83d\ude00'"), List.of("str", "''"),
                    List.of("float", "0.1"), List.of("float", "1e+300"), List.of("float", "-0.0"), List.of("float", "0.1"),
                    List.of("datetime", "datetime.datetime(2026, 12, 6, 18, 5, 9)"),
                    List.of("bytes", "b'\\x00\\x01\\xff'"), List.of("bytes", "b''"),
                    List.of(Map.of("k", List.of("int", "str"), "n", "NoneType"), "{'k': [1, 'x'], 'n': None}"),
                    List.of(List.of(), "[]"), List.of(List.of("float", List.of("bool")), "[1.5, [True]]"),
                    List.of("NoneType", "None"));
            assertEquals(expected, seen);
        }
    }

    @Test
    void everyTypeReceived() throws IOException {
        try (XmlRpcClient c = client()) {
            Map<?, ?> s = (Map<?, ?>) c.call("samples");
            assertEquals(2147483647, s.get("int"));
            assertEquals(-2147483648, s.get("negative"));
            assertEquals(true, s.get("true"));
            assertEquals(false, s.get("false"));
            assertEquals("a<b>&c \u00e9\u4e2d\ud83d\ude00", s.get("string"));
            assertEquals("", s.get("empty"));
            assertEquals(0.1, s.get("double"));
            assertEquals(1e300, s.get("big"));
            assertEquals(5e-324, s.get("tiny"));
            assertTrue(Double.isNaN((Double) s.get("nan")), "Python writes 'nan'");
            assertEquals(Double.POSITIVE_INFINITY, s.get("inf"));
            assertEquals(LocalDateTime.of(2026, 12, 6, 18, 5, 9), s.get("when"));
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            assertArrayEquals(all, (byte[]) s.get("bytes"));
            assertEquals(List.of(1, "two", List.of(3.0)), s.get("list"));
            assertEquals(List.of(1, 2), s.get("tuple"));
            Map<String, Object> k = new HashMap<>();
            k.put("k", null);
            assertEquals(Map.of("nested", k), s.get("dict"));
            assertTrue(s.containsKey("none"));
            assertNull(s.get("none"));
        }
    }

    @Test
    void echoRoundTrip() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("when", LocalDateTime.of(1999, 12, 31, 23, 59, 59));
        value.put("list", Arrays.asList(1, null, "\r\n", List.of(Map.of())));
        value.put("max", Double.MAX_VALUE);
        try (XmlRpcClient c = client()) {
            // Python received "\r\n" (we send CR as &#13;, see everyTypeSent) but writes it back raw,
            // and XML turns a raw CR LF into LF: Python's own client reads "\n" too.
            Map<String, Object> back = new LinkedHashMap<>(value);
            back.put("list", Arrays.asList(1, null, "\n", List.of(Map.of())));
            assertEquals(back, c.call("echo", value));
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) c.call("echo", (Object) new byte[] {1, 2, 3}));
        }
    }

    @Test
    void faults() throws IOException {
        try (XmlRpcClient c = client()) {
            XmlRpcFaultException f = assertThrows(XmlRpcFaultException.class, () -> c.call("fail", 42, "no such <thing>"));
            assertEquals(42, f.faultCode());
            assertEquals("no such <thing>", f.faultString());
            assertEquals("fail refused: 42 no such <thing>", f.getMessage());
            XmlRpcFaultException zero = assertThrows(XmlRpcFaultException.class, () -> c.call("divide", 1, 0));
            assertEquals(1, zero.faultCode());
            assertEquals("<class 'ZeroDivisionError'>:division by zero", zero.faultString());
            XmlRpcFaultException unknown = assertThrows(XmlRpcFaultException.class, () -> c.call("nope"));
            assertTrue(unknown.faultString().contains("method \"nope\" is not supported"), unknown.faultString());
            XmlRpcFaultException big = assertThrows(XmlRpcFaultException.class, () -> c.call("big"));
            assertTrue(big.faultString().contains("int exceeds XML-RPC limits"), big.faultString());
            // the client is still fine after faults
            assertEquals(5, c.call("add", 2, 3));
        }
    }

    @Test
    void nilOnlyWithAllowNone() throws IOException {
        try (XmlRpcClient c = client()) {
            assertNull(c.call("echo", (Object) null));
        }
        try (XmlRpcClient strict = builder().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.call("echo", (Object) null));
            assertTrue(e.getMessage().contains("unless allowNone"), e.getMessage());
            MalformedReplyException m = assertThrows(MalformedReplyException.class, () -> strict.call("samples"));
            assertTrue(m.getMessage().contains("accepts only with allowNone"), m.getMessage());
            assertEquals("x", strict.call("echo", "x"));
        }
    }

    @Test
    void multicall() throws IOException {
        try (XmlRpcClient c = client()) {
            List<XmlRpcResult> r = c.multicall(List.of(XmlRpcCall.of("add", 2, 3), XmlRpcCall.of("divide", 1, 0),
                    XmlRpcCall.of("echo", (Object) null), XmlRpcCall.of("fail", 7, "seven"), XmlRpcCall.of("samples")));
            assertEquals(5, r.size());
            assertEquals(new XmlRpcResult.Returned(5), r.get(0));
            XmlRpcResult.Faulted zero = assertInstanceOf(XmlRpcResult.Faulted.class, r.get(1));
            assertEquals(1, zero.faultCode());
            assertEquals("divide", zero.method());
            assertEquals(new XmlRpcResult.Returned(null), r.get(2));
            assertEquals(new XmlRpcResult.Faulted("fail", 7, "seven"), r.get(3));
            assertEquals(7, assertThrows(XmlRpcFaultException.class, r.get(3)::value).faultCode());
            assertEquals(0.1, ((Map<?, ?>) r.get(4).value()).get("double"));
            assertEquals(List.of(), c.multicall(List.of()));
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeSending() throws IOException {
        try (XmlRpcClient c = client()) {
            assertThrows(IllegalArgumentException.class, () -> c.call("echo", Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> c.call("echo", 1L << 40));
            assertThrows(IllegalArgumentException.class, () -> c.call("echo", "\u0000"));
            assertThrows(IllegalArgumentException.class, () -> c.multicall(List.of(XmlRpcCall.of("echo", new Object()))));
            assertEquals(3, c.call("add", 1, 2));
        }
    }
}
