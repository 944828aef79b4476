package org.sockets.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.testkit.NoDescriptorLeaks;

/** The module functions without sockets: inetPton/inetNtop as C's, resolve() with family filters, hostname(). */
@ExtendWith(NoDescriptorLeaks.class)
class SocketsFunctionsTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "127.0.0.1, 7f000001",
        "0.0.0.0, 00000000",
        "255.255.255.255, ffffffff",
        "192.168.1.254, c0a801fe",
    })
    void inetPtonIpv4RoundTrips(String text, String hex) {
        byte[] packed = Sockets.inetPton(Family.INET, text);
        assertEquals(hex, HEX.formatHex(packed));
        assertEquals(text, Sockets.inetNtop(Family.INET, packed));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "::1, 00000000000000000000000000000001, ::1",
        "::, 00000000000000000000000000000000, ::",
        "2001:DB8::1, 20010db8000000000000000000000001, 2001:db8::1",
        "fe80:0:0:0:0:0:0:a, fe80000000000000000000000000000a, fe80::a",
        "::ffff:1.2.3.4, 00000000000000000000ffff01020304, ::ffff:1.2.3.4",
        "::ffff:0.0.0.0, 00000000000000000000ffff00000000, ::ffff:0.0.0.0",
        "::1.2.3.4, 00000000000000000000000001020304, ::1.2.3.4",
        "::0.0.0.2, 00000000000000000000000000000002, ::2",
        "::1:0:0:0, 00000000000000000001000000000000, ::1:0:0:0",
        "1:2:3:4:5:6:7:8, 00010002000300040005000600070008, 1:2:3:4:5:6:7:8",
    })
    void inetPtonIpv6RoundTripsAsGlibcPrintsIt(String text, String hex, String printed) {
        byte[] packed = Sockets.inetPton(Family.INET6, text);
        assertEquals(hex, HEX.formatHex(packed));
        assertEquals(printed, Sockets.inetNtop(Family.INET6, packed));
        assertArrayEquals(packed, Sockets.inetPton(Family.INET6, printed));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"127.1", "2130706433", "1.2.3", "01.2.3.4", "1.2.3.04", "256.1.1.1", "1.2.3.4.", "[127.0.0.1]",
        "::1", "", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4%1", "localhost", "+1.2.3.4", "1.2.3.1234"})
    void inetPtonIpv4IsStrictAsCsInetPton(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Sockets.inetPton(Family.INET, text));
        assertEquals("inetPton: '" + text + "' is not an INET address", e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"::ffff:010.0.0.1", "::ffff:1.2.3", "::ffff:1.2.3.4.", "127.0.0.1", "::1%1", "::1%lo", "[::1]", "1:2:3:4:5:6:7:8:9", ":::", "::g", "localhost", "", "fe80::1%"})
    void inetPtonIpv6IsStrictAsCsInetPton(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Sockets.inetPton(Family.INET6, text));
        assertEquals("inetPton: '" + text + "' is not an INET6 address", e.getMessage());
    }

    @Test
    void inetPtonAndNtopRefuseUnix() {
        assertEquals("inetPton: family must be INET or INET6, not UNIX",
                assertThrows(IllegalArgumentException.class, () -> Sockets.inetPton(Family.UNIX, "/x")).getMessage());
        assertEquals("inetNtop: family must be INET or INET6, not UNIX",
                assertThrows(IllegalArgumentException.class, () -> Sockets.inetNtop(Family.UNIX, new byte[4])).getMessage());
    }

    @Test
    void inetNtopChecksTheLength() {
        assertEquals("inetNtop: INET needs 4 bytes, not 16",
                assertThrows(IllegalArgumentException.class, () -> Sockets.inetNtop(Family.INET, new byte[16])).getMessage());
        assertEquals("inetNtop: INET6 needs 16 bytes, not 4",
                assertThrows(IllegalArgumentException.class, () -> Sockets.inetNtop(Family.INET6, new byte[4])).getMessage());
        assertEquals("inetNtop: INET needs 4 bytes, not 0",
                assertThrows(IllegalArgumentException.class, () -> Sockets.inetNtop(Family.INET, new byte[0])).getMessage());
    }

    @Test
    void inetNtopOfEveryByteValueRoundTrips() {
        // each byte value in each position, both families: no sign-extension slip anywhere
        for (int v = 0; v < 256; v++) {
            byte[] four = {(byte) v, (byte) (255 - v), (byte) v, (byte) (v ^ 0x80)};
            assertArrayEquals(four, Sockets.inetPton(Family.INET, Sockets.inetNtop(Family.INET, four)));
            byte[] sixteen = new byte[16];
            for (int i = 0; i < 16; i++) {
                sixteen[i] = (byte) (v + i * 17);
            }
            assertArrayEquals(sixteen, Sockets.inetPton(Family.INET6, Sockets.inetNtop(Family.INET6, sixteen)));
        }
    }

    @Test
    void resolveFiltersByFamily() throws UnknownHostException {
        List<Address.Ip> v4 = Sockets.resolve("localhost", 80, Family.INET);
        assertTrue(v4.contains(Address.of("127.0.0.1", 80)), v4.toString());
        assertTrue(v4.stream().allMatch(ip -> ip.family() == Family.INET), v4.toString());
        List<Address.Ip> any = Sockets.resolve("localhost", 80, null);
        assertTrue(any.containsAll(v4), any.toString());
        assertEquals(List.of(Address.of("::1", 8)), Sockets.resolve("::1", 8, Family.INET6));
        assertEquals(List.of(Address.of("127.0.0.1", 8)), Sockets.resolve("127.0.0.1", 8, null));
    }

    @Test
    void resolveNamesTheHostAndFamilyWhenNoneFits() throws IOException {
        // /etc/hosts here maps localhost to 127.0.0.1 only (no "::1 localhost")
        boolean hasV6 = List.of(InetAddress.getAllByName("localhost")).stream().anyMatch(a -> a.getAddress().length == 16);
        if (!hasV6) {
            var e = assertThrows(UnknownHostException.class, () -> Sockets.resolve("localhost", 80, Family.INET6));
            assertEquals("localhost: no IPv6 address", e.getMessage());
        }
        var lit = assertThrows(UnknownHostException.class, () -> Sockets.resolve("127.0.0.1", 80, Family.INET6));
        assertEquals("127.0.0.1: no IPv6 address", lit.getMessage());
        var v6 = assertThrows(UnknownHostException.class, () -> Sockets.resolve("::1", 80, Family.INET));
        assertEquals("::1: no IPv4 address", v6.getMessage());
    }

    @Test
    void resolveWithAResolverKeepsItsOrderAndDropsNames() throws Exception {
        InetAddress a = InetAddress.getByAddress("x.test", new byte[] {10, 0, 0, 1});
        InetAddress b = InetAddress.getByAddress("x.test", InetAddress.ofLiteral("2001:db8::1").getAddress());
        InetAddress c = InetAddress.getByAddress("x.test", new byte[] {10, 0, 0, 2});
        Resolver r = host -> List.of(a, b, c);
        assertEquals(List.of(Address.of("10.0.0.1", 5), Address.of("2001:db8::1", 5), Address.of("10.0.0.2", 5)), Sockets.resolve(r, "x.test", 5, null));
        assertEquals(List.of(Address.of("10.0.0.1", 5), Address.of("10.0.0.2", 5)), Sockets.resolve(r, "x.test", 5, Family.INET));
        assertEquals(List.of(Address.of("2001:db8::1", 5)), Sockets.resolve(r, "x.test", 5, Family.INET6));
        var none = assertThrows(UnknownHostException.class, () -> Sockets.resolve(host -> List.of(), "empty.test", 5, null));
        assertEquals("empty.test: no IP address", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sockets.resolve(r, "x.test", 5, Family.UNIX));
    }

    @Test
    void resolveOfAnUnknownHostNamesIt() {
        var e = assertThrows(UnknownHostException.class, () -> Sockets.resolve("no-such-host.invalid", 80, null));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    @Test
    void aNullArgumentIsANullPointerExceptionNamingIt() {
        // issue #10: open(null, STREAM) said "no transport for null/STREAM: add sockets-tcp"
        assertEquals("family", assertThrows(NullPointerException.class, () -> Sockets.open(null, SocketType.STREAM)).getMessage());
        assertEquals("type", assertThrows(NullPointerException.class, () -> Sockets.open(Family.INET, null)).getMessage());
        assertEquals("family", assertThrows(NullPointerException.class, () -> Sockets.open(null, SocketType.STREAM, "tcp")).getMessage());
        assertEquals("type", assertThrows(NullPointerException.class, () -> Sockets.open(Family.INET, null, "tcp")).getMessage());
        assertEquals("provider", assertThrows(NullPointerException.class, () -> Sockets.open(Family.INET, SocketType.STREAM, null)).getMessage());
        assertEquals("family", assertThrows(NullPointerException.class, () -> Sockets.pair(null, SocketType.STREAM)).getMessage());
        assertEquals("type", assertThrows(NullPointerException.class, () -> Sockets.pair(Family.UNIX, null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> Sockets.defaultTimeout(null)).getMessage());
        assertEquals("packed", assertThrows(NullPointerException.class, () -> Sockets.inetNtop(Family.INET, null)).getMessage());
        assertEquals("host", assertThrows(NullPointerException.class, () -> Sockets.resolve(null, 80, null)).getMessage());
    }

    @Test
    void hostnameIsTheKernelsNodeName() throws Exception {
        Process p = new ProcessBuilder("uname", "-n").redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String uname;
        try (var out = p.getInputStream()) {
            uname = new String(out.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "uname -n: " + uname);
        assertEquals(uname, Sockets.hostname());
    }
}
