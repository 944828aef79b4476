package org.sockets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.testkit.NoDescriptorLeaks;

/** Address factories and records: every form of the tutorial's table, every malformed form, equality and text. */
@ExtendWith(NoDescriptorLeaks.class)
class AddressTest {

    // ---------------------------------------------------------------- the forms

    @Test
    void aHostNameStaysANameToResolveLater() {
        Address a = Address.of("localhost", 80);
        Address.Host h = assertInstanceOf(Address.Host.class, a);
        assertEquals("localhost", h.name());
        assertEquals(80, h.port());
        assertEquals(null, h.family(), "a host name takes the endpoint's family");
        assertEquals("localhost:80", h.toString());
        assertInstanceOf(Address.Host.class, Address.of("under_score-and-dash.example.", 1), "a trailing dot is a rooted name");
    }

    @Test
    void aDottedQuadIsAnIpv4Address() {
        Address.Ip ip = assertInstanceOf(Address.Ip.class, Address.of("127.0.0.1", 8080));
        assertInstanceOf(Inet4Address.class, ip.ip());
        assertEquals(Family.INET, ip.family());
        assertEquals("127.0.0.1", ip.host());
        assertEquals("127.0.0.1:8080", ip.toString());
        assertEquals("('127.0.0.1', 8080)", ip.toPython());
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is {1}")
    @CsvSource({
        "127.1, 127.0.0.1",           // inet_aton's a.b form, which Python's connect takes too
        "2130706433, 127.0.0.1",      // the whole address as one decimal number, as text
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
    })
    void shorthandIpv4TextMeansWhatInetAtonMakesOfIt(String text, String expected) {
        assertEquals(InetAddress.ofLiteral(expected), ((Address.Ip) Address.of(text, 1)).ip());
    }

    @Test
    void ipv6TextWithOrWithoutBracketsIsAnIpv6Address() {
        for (String text : new String[] {"::1", "[::1]", "0:0:0:0:0:0:0:1", "0000:0000::0001"}) {
            Address.Ip ip = assertInstanceOf(Address.Ip.class, Address.of(text, 443), text);
            assertEquals(Family.INET6, ip.family(), text);
            assertEquals("::1", ip.host(), text);
            assertEquals("[::1]:443", ip.toString(), text);
            assertEquals("('::1', 443, 0, 0)", ip.toPython(), text);
        }
    }

    @Test
    void aNumericScopeIsKeptAndPrinted() {
        Address.Ip ip = (Address.Ip) Address.of("fe80::1%7", 22);
        Inet6Address v6 = assertInstanceOf(Inet6Address.class, ip.ip());
        assertEquals(7, v6.getScopeId());
        assertEquals("fe80::1%7", ip.host());
        assertEquals("[fe80::1%7]:22", ip.toString());
        assertEquals("('fe80::1%7', 22, 0, 7)", ip.toPython());
    }

    @Test
    void anInterfaceScopeNamesARealInterface() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assertTrue(lo != null, "this test needs Linux's loopback interface 'lo'");
        Address.Ip ip = (Address.Ip) Address.of("::1%lo", 22);
        Inet6Address v6 = (Inet6Address) ip.ip();
        assertEquals(lo, v6.getScopedInterface());
        assertEquals(lo.getIndex(), v6.getScopeId());
        assertEquals("::1%lo", ip.host());
        assertEquals("('::1%lo', 22, 0, " + lo.getIndex() + ")", ip.toPython());
        assertEquals(Address.of("[::1%lo]", 22), ip, "brackets may enclose the scope");
    }

    @Test
    void anInterfaceScopeWorksForAddressesTheInterfaceDoesNotHave() throws Exception {
        // issue #10: "fe80::1%lo" was refused (the JDK looks for a link-local address on lo to
        // copy its scope id from) while "fe80::1%1", the same interface, worked; for the kernel,
        // as for Python, the scope is the interface's index
        int lo = NetworkInterface.getByName("lo").getIndex();
        Address.Ip named = (Address.Ip) Address.of("fe80::1%lo", 22);
        assertEquals(lo, ((Inet6Address) named.ip()).getScopeId());
        assertEquals(Address.of("fe80::1%" + lo, 22), named);
        assertEquals(Address.of("[fe80::1%lo]", 22), named);
        assertEquals("('fe80::1%" + lo + "', 22, 0, " + lo + ")", named.toPython());
        assertEquals(Address.of("ff02::1%" + lo, 22), Address.of("ff02::1%lo", 22), "link-local multicast too");
    }

    @Test
    void emptyHostIsAny() {
        Address.Any any = assertInstanceOf(Address.Any.class, Address.of("", 5000));
        assertEquals(5000, any.port());
        assertEquals(null, any.family());
        assertEquals(any, Address.any(5000));
        assertEquals("*:5000", any.toString());
    }

    @Test
    void broadcastIsTheLimitedBroadcastAddress() {
        Address.Ip ip = assertInstanceOf(Address.Ip.class, Address.of("<broadcast>", 9));
        assertEquals("255.255.255.255", ip.host());
        assertEquals(Family.INET, ip.family());
        assertEquals(Address.of(0xFFFF_FFFFL, 9), ip);
        assertInstanceOf(Address.Host.class, Address.of("broadcast", 9), "only the exact Python spelling is special");
    }

    @ParameterizedTest(name = "[{index}] {0} is {1}")
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0, 0.0.0.0",
        "4294967295, 255.255.255.255",
        "16909060, 1.2.3.4",
        "3232235777, 192.168.1.1",    // above Integer.MAX_VALUE: the sign bit is an address bit
    })
    void anIntegerIsTheIpv4AddressInHostByteOrder(long value, String expected) {
        Address.Ip ip = Address.of(value, 80);
        assertEquals(expected, ip.host());
        // inet_ntoa(htonl(n)): the most significant byte is the first byte of the address
        byte[] b = ip.ip().getAddress();
        long back = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        assertEquals(value, back);
    }

    @Test
    void aPortMayBeANumericStringOrAServiceName() {
        assertEquals(Address.of("127.0.0.1", 8080), Address.of("127.0.0.1", "8080"));
        assertEquals(Address.of("127.0.0.1", 80), Address.of("127.0.0.1", "http"));
        assertEquals(Address.of("localhost", 25), Address.of("localhost", "smtp"));
        assertEquals(Address.of("", 0), Address.of("", "0"));
    }

    @Test
    void unixPathAndAbstractName() {
        Address.UnixPath p = assertInstanceOf(Address.UnixPath.class, Address.unix("/run/app.sock"));
        assertEquals(Path.of("/run/app.sock"), p.path());
        assertEquals(Family.UNIX, p.family());
        assertEquals("/run/app.sock", p.toString());
        assertEquals(p, Address.unix(Path.of("/run/app.sock")));
        assertInstanceOf(Address.UnixPath.class, Address.unix("relative.sock"));

        Address.UnixAbstract a = assertInstanceOf(Address.UnixAbstract.class, Address.unix("\0my-name"));
        assertEquals("my-name", a.name());
        assertEquals(Family.UNIX, a.family());
        assertEquals("@my-name", a.toString());
        assertEquals(a, Address.abstractName("my-name"));
        assertTrue(Arrays.equals("my-name".getBytes(StandardCharsets.UTF_8), a.bytes()));
        assertTrue(Arrays.equals("é".getBytes(StandardCharsets.UTF_8), Address.abstractName("é").bytes()), "UTF-8, two bytes");
        byte[] b = a.bytes();
        b[0] = 'X';
        assertEquals('m', a.bytes()[0], "bytes() is a fresh array");
        assertEquals("", ((Address.UnixAbstract) Address.unix("\0")).name(), "a lone NUL is the empty abstract name");
        assertEquals(Address.unnamed(), new Address.UnixUnnamed());
        assertEquals(Family.UNIX, Address.unnamed().family());
    }

    // ---------------------------------------------------------------- malformed forms

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "1.2.3.", "1..2.3", ".", "999999999999", "4294967296", "1.2.3.4 "})
    void badDottedQuadsAreRejectedNamingThem(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        assertTrue(e.getMessage().contains("'" + text + "'") || e.getMessage().contains(text.strip()), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"010.0.0.1", "0127.0.0.1", "127.0.0.01", "00.0.0.0", "::ffff:010.0.0.1", "[::ffff:1.2.3.04]"})
    void ipv4WithALeadingZeroIsAmbiguousAndRejected(String text) {
        // glibc's inet_aton reads 010 as octal (8.0.0.1), the JDK as decimal (10.0.0.1)
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        assertTrue(e.getMessage().contains("ambiguous") && e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"010", "0177", "08", "00", "04294967295", "010.1", "1.010", "010.0.1", "1.0.010"})
    void everyShortIpv4FormWithALeadingZeroIsAmbiguousToo(String text) {
        // issue #10: the single-number and a.b / a.b.c forms skipped the check ("010" was
        // 0.0.0.10 here, 0.0.0.8 to inet_aton; "08" and "04294967295" were accepted)
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        assertTrue(e.getMessage().startsWith("ambiguous IPv4 address '" + text + "'") && e.getMessage().contains("leading zero"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is {1}")
    @CsvSource({"0, 0.0.0.0", "10, 0.0.0.10", "0.0, 0.0.0.0", "0.10, 0.0.0.10", "10.0.1, 10.0.0.1", "::ffff:0.0.0.0, 0.0.0.0"})
    void aLoneZeroIsNotALeadingZero(String text, String expected) {
        assertEquals(InetAddress.ofLiteral(expected), ((Address.Ip) Address.of(text, 1)).ip());
    }

    @Test
    void hexGroupsOfIpv6MayHaveLeadingZeros() {
        // only IPv4 parts are ambiguous: an IPv6 group is hexadecimal to everyone
        assertEquals(Address.of("2001:db8::1", 1), Address.of("2001:0db8:0000::0001", 1));
        assertEquals(Address.of("::ffff:0:1.2.3.4", 1), Address.of("0::ffff:0000:1.2.3.4", 1));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"0x7f.0.0.1", "0x7f000001", "1.2.3.0x4", "0X7F.1", "example.123", "a.b.0x", "example.0x1f."})
    void aNameEndingInANumberIsTakenAsIpv4AndRejected(String text) {
        // C resolvers read these as IPv4 (0x7f.0.0.1 is 127.0.0.1 to Python); the JDK refuses them
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        assertEquals("not a valid IP address: '" + text + "'", e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"123.example", "0x7f.example", "a1", "1a", "example.com.", "x0.1a", "dead.beef"})
    void namesWithDigitsThatDoNotEndInANumberAreNames(String text) {
        assertInstanceOf(Address.Host.class, Address.of(text, 80));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {":::", "::1::", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "1:2", "[::1", "::1]", "fe80:::1"})
    void badIpv6TextIsRejectedNamingIt(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void controlCharactersInALiteralAreShownPrintably() {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of("::1\r\n", 80));
        assertTrue(e.getMessage().contains("'::1\\x0d\\x0a'"), e.getMessage());
        var inScope = assertThrows(IllegalArgumentException.class, () -> Address.of("fe80::1%eth0\r\n", 80));
        assertEquals("no network interface named 'eth0\\x0d\\x0a' for the scope of 'fe80::1%eth0\\x0d\\x0a'", inScope.getMessage());
        var scope = assertThrows(IllegalArgumentException.class, () -> Address.of("::1%a\nb", 80));
        assertEquals("no network interface named 'a\\x0ab' for the scope of '::1%a\\x0ab'", scope.getMessage());
    }

    @Test
    void anEmptyScopeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of("fe80::1%", 80));
        assertTrue(e.getMessage().contains("empty scope") && e.getMessage().contains("fe80::1%"), e.getMessage());
    }

    @Test
    void anUnknownInterfaceScopeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of("fe80::1%nosuchif0", 80));
        assertTrue(e.getMessage().contains("no network interface named 'nosuchif0'"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"fe80::1%99999999999", "fe80::1%١", "fe80::1%-1"})
    void aScopeThatIsNeitherAnIndexNorAnInterfaceIsRejected(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        String scope = text.substring(text.indexOf('%') + 1);
        assertTrue(e.getMessage().contains(scope), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"127.0.0.1%1", "127.0.0.1%lo", "10.0.0.1%"})
    void aScopeOnIpv4IsRejected(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(text, 80));
        assertTrue(e.getMessage().contains("only allowed on IPv6") && e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(ints = {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aPortOutOfRangeIsRejectedByEveryFactory(int port) {
        String expected = "port must be 0 to 65535, not " + port;
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Address.of("localhost", port)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Address.of("127.0.0.1", port)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Address.of("", port)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Address.of(1L, port)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Address.of(InetAddress.getLoopbackAddress(), port)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Address.any(port)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> new Address.Host("localhost", port)).getMessage());
    }

    @Test
    void portsAtTheEdgesAreAccepted() {
        assertEquals(0, ((Address.Ip) Address.of("127.0.0.1", 0)).port());
        assertEquals(65535, ((Address.Ip) Address.of("127.0.0.1", 65535)).port());
        assertEquals(65535, ((Address.Ip) Address.of("127.0.0.1", "65535")).port());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(longs = {-1, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE})
    void anIntegerAddressOutOfRangeIsRejected(long value) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(value, 80));
        assertTrue(e.getMessage().contains("0 to 4294967295") && e.getMessage().contains(Long.toString(value)), e.getMessage());
    }

    static Stream<Arguments> illegalHostNames() {
        return Stream.of(
                Arguments.of("a\rb", "\\x0d"),
                Arguments.of("a\nb", "\\x0a"),
                Arguments.of("a\0b", "\\x00"),
                Arguments.of("a b", " "),
                Arguments.of("evil.example\r\nHost: x", "\\x0d"),
                Arguments.of("a/b", "/"),
                Arguments.of("a@b", "@"),
                Arguments.of("localhost:80", ":"),
                Arguments.of("b\u00fccher.de", "\u00fc"),
                Arguments.of("a\u007fb", "\\x7f"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("illegalHostNames")
    void illegalHostNameCharactersAreRejectedAndShownPrintably(String host, String shown) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(host, 80));
        assertTrue(e.getMessage().contains("not allowed in a host name"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": " + shown), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "no control character in the message: " + e.getMessage());
    }

    @Test
    void tooLongNamesAndLabelsAreRejected() {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertEquals(253, name253.length());
        assertEquals(name253, ((Address.Host) Address.of(name253, 1)).name());
        var longName = assertThrows(IllegalArgumentException.class, () -> Address.of(name253 + "a", 1));
        assertTrue(longName.getMessage().contains("longer than 253"), longName.getMessage());

        assertEquals(name253 + ".", ((Address.Host) Address.of(name253 + ".", 1)).name(), "a rooted name's trailing dot does not count");
        assertThrows(IllegalArgumentException.class, () -> Address.of(name253 + "a.", 1));

        assertEquals(label63 + ".example", ((Address.Host) Address.of(label63 + ".example", 1)).name());
        var longLabel = assertThrows(IllegalArgumentException.class, () -> Address.of("a" + label63 + ".example", 1));
        assertTrue(longLabel.getMessage().contains("label longer than 63"), longLabel.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"a..b", ".a", "a.b.."})
    void emptyLabelsAreRejected(String host) {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of(host, 1));
        assertTrue(e.getMessage().contains("empty label"), e.getMessage());
    }

    @Test
    void nullsAreRejectedNamingTheParameter() {
        assertEquals("host", assertThrows(NullPointerException.class, () -> Address.of((String) null, 1)).getMessage());
        assertEquals("port", assertThrows(NullPointerException.class, () -> Address.of("x", (String) null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Address.unix((String) null)).getMessage());
        assertEquals("ip", assertThrows(NullPointerException.class, () -> Address.of((InetAddress) null, 1)).getMessage());
    }

    @Test
    void aHostRecordBuiltDirectlyIsCheckedToo() {
        assertThrows(IllegalArgumentException.class, () -> new Address.Host("", 1));
        assertThrows(IllegalArgumentException.class, () -> new Address.Host("a\nb", 1));
    }

    @Test
    void anEmptyUnixPathIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.unix(""));
        assertTrue(e.getMessage().contains("Unix socket path is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Address.unix(Path.of("")));
    }

    @Test
    void aNulInsideAUnixPathIsRejected() {
        // Path.of itself refuses NUL (InvalidPathException, an IllegalArgumentException)
        var e = assertThrows(IllegalArgumentException.class, () -> Address.unix("/tmp/a\0b"));
        assertTrue(e.getMessage().contains("/tmp/a"), e.getMessage());
    }

    // ---------------------------------------------------------------- equality

    @Test
    void ipRecordsDropHostNames() throws Exception {
        InetAddress named = InetAddress.getByAddress("some.name", new byte[] {127, 0, 0, 1});
        Address.Ip a = Address.of(named, 80);
        assertEquals(Address.of("127.0.0.1", 80), a);
        assertEquals(Address.of("127.0.0.1", 80).hashCode(), a.hashCode());
        assertEquals("127.0.0.1:80", a.toString(), "no 'some.name/' prefix");
        assertTrue(!a.ip().toString().contains("some.name"), a.ip().toString());
    }

    @Test
    void equalAddressesInDifferentSpellingsAreEqual() {
        assertEquals(Address.of("::1", 1), Address.of("0:0:0:0:0:0:0:1", 1));
        assertEquals(Address.of("127.0.0.1", 1), Address.of(2130706433L, 1));
        assertEquals(Address.of("127.0.0.1", 1), Address.of("2130706433", 1));
        assertEquals(Address.of("FE80::A", 1), Address.of("fe80::a", 1));
        assertNotEquals(Address.of("127.0.0.1", 1), Address.of("127.0.0.1", 2));
        assertNotEquals(Address.of("127.0.0.1", 1), Address.of("127.0.0.2", 1));
        assertNotEquals(Address.of("", 1), Address.of("0.0.0.0", 1), "Any takes the endpoint's family; 0.0.0.0 is INET");
    }

    @Test
    void scopesTakePartInEquality() throws Exception {
        // Inet6Address.equals ignores the scope; a link-local address on two interfaces is two peers
        Address a = Address.of("fe80::1%1", 80);
        Address b = Address.of("fe80::1%2", 80);
        assertNotEquals(a, b);
        assertNotEquals(Address.of("fe80::1", 80), a);
        assertEquals(a, Address.of("fe80::1%1", 80));
        assertEquals(a.hashCode(), Address.of("fe80::1%1", 80).hashCode());
        // an interface scope is that interface's index: the same socket address to the kernel
        int lo = NetworkInterface.getByName("lo").getIndex();
        assertEquals(Address.of("::1%" + lo, 80), Address.of("::1%lo", 80));
    }

    // ---------------------------------------------------------------- text (RFC 5952)

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",        // lower case, longest run compressed
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",  // equal runs: the first is compressed
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // a single zero field is not compressed
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",       // the longer run wins even when later
        "2001:db8::0001, 2001:db8::1",              // leading zeros dropped
        "0:0:0:0:0:0:0:0, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:1, 1::1",
        "fe80:0:0:0:0:0:0:a, fe80::a",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "0:1:2:3:4:5:6:0, 0:1:2:3:4:5:6:0",
        "::1.2.3.4, ::1.2.3.4",                     // IPv4-compatible, as glibc prints it
        "64:ff9b::1.2.3.4, 64:ff9b::102:304",
    })
    void ipv6TextIsRfc5952(String in, String out) {
        assertEquals(out, ((Address.Ip) Address.of(in, 1)).host());
    }

    // ---------------------------------------------------------------- port and Python form on the interface

    @Test
    void theInterfaceGivesThePortOfAnInternetAddress() throws Exception {
        // issue #10: the bound port was behind a cast or a switch
        Address bound = Address.of("127.0.0.1", 54321);
        assertEquals(OptionalInt.of(54321), bound.inetPort());
        assertEquals(OptionalInt.of(443), Address.of("::1", 443).inetPort());
        assertEquals(OptionalInt.of(80), Address.of("localhost", 80).inetPort());
        assertEquals(OptionalInt.of(0), Address.of("", 0).inetPort());
        assertEquals(OptionalInt.of(9), Address.of(InetAddress.getLoopbackAddress(), 9).inetPort());
        assertEquals(OptionalInt.empty(), Address.unix("/run/app.sock").inetPort());
        assertEquals(OptionalInt.empty(), Address.unix("\0name").inetPort());
        assertEquals(OptionalInt.empty(), Address.unnamed().inetPort());
    }

    static Stream<Arguments> pythonForms() {
        return Stream.of(
                Arguments.of(Address.of("127.0.0.1", 54321), "('127.0.0.1', 54321)"),
                Arguments.of(Address.of("::1", 8080), "('::1', 8080, 0, 0)"),
                Arguments.of(Address.of("fe80::1%7", 22), "('fe80::1%7', 22, 0, 7)"),
                Arguments.of(Address.of("localhost", 80), "('localhost', 80)"),
                Arguments.of(Address.of("", 5000), "('', 5000)"),
                Arguments.of(Address.of("<broadcast>", 9), "('255.255.255.255', 9)"),
                // as Python's repr of getsockname(): str for a path, bytes for an abstract name
                Arguments.of(Address.unix("/run/app.sock"), "'/run/app.sock'"),
                Arguments.of(Address.unix("/tmp/it's é.sock"), "\"/tmp/it's é.sock\""),
                Arguments.of(Address.unix("/tmp/a'b\"c\\d\te\u007f"), "'/tmp/a\\'b\"c\\\\d\\te\\x7f'"),
                Arguments.of(Address.unix("/tmp/\u00a0\u2028\ud83d\ude00"), "'/tmp/\\xa0\\u2028\ud83d\ude00'"),
                Arguments.of(Address.unix("\0my-name"), "b'\\x00my-name'"),
                Arguments.of(Address.abstractName("a\u0001é\""), "b'\\x00a\\x01\\xc3\\xa9\"'"),
                Arguments.of(Address.abstractName("it's"), "b\"\\x00it's\""),
                Arguments.of(Address.unnamed(), "''"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("pythonForms")
    void everyAddressHasItsPythonForm(Address address, String python) {
        assertEquals(python, address.toPython());
    }

    @Test
    void anIpv4MappedLiteralIsFoldedToIpv4ByTheJdk() {
        // The JDK parses ::ffff:a.b.c.d as an Inet4Address; the record then is an INET address.
        Address.Ip ip = (Address.Ip) Address.of("::ffff:127.0.0.1", 1);
        assertEquals(Family.INET, ip.family());
        assertEquals(Address.of("127.0.0.1", 1), ip);
    }
}
