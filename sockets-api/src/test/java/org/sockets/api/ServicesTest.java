package org.sockets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.testkit.NoDescriptorLeaks;

/** Service names and numeric ports: this machine's /etc/services, a file of our own, and the built-in table when the file is missing. */
@ExtendWith(NoDescriptorLeaks.class)
class ServicesTest {

    @TempDir
    Path dir;

    @Test
    void numericPortsNeedNoTable() {
        Services.Table empty = Services.Table.load(dir.resolve("missing"));
        assertEquals(0, Services.port("0", "tcp", empty));
        assertEquals(8080, Services.port("8080", "tcp", empty));
        assertEquals(65535, Services.port("65535", "udp", empty));
        assertEquals(80, Services.port("00080", "tcp", empty), "five digits with leading zeros are still decimal");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"65536", "99999", "123456", "99999999999999999999"})
    void numericPortsOutOfRangeAreRejected(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Services.port(text, "tcp"));
        assertEquals("port must be 0 to 65535, not " + text, e.getMessage());
    }

    @Test
    void anEmptyPortIsRejected() {
        assertEquals("port is empty", assertThrows(IllegalArgumentException.class, () -> Services.port("", "tcp")).getMessage());
    }

    @Test
    void namesComeFromEtcServicesOnThisMachine() throws IOException {
        Path etc = Path.of("/etc/services");
        assertTrue(Files.isReadable(etc), "this machine has /etc/services (netbase)");
        // cross-check every TCP name and alias of the file's first entries against our parse
        int checked = 0;
        for (String line : Files.readAllLines(etc, StandardCharsets.ISO_8859_1)) {
            String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
            if (f.length < 2 || !f[1].endsWith("/tcp") || checked >= 40) {
                continue;
            }
            // the first entry of a name wins (as getservbyname)
            assertEquals(firstPort(etc, f[0], "tcp"), Services.port(f[0], "tcp"), line);
            checked++;
        }
        assertTrue(checked >= 20, "checked " + checked + " services");
        assertEquals(80, Services.port("http", "tcp"));
        assertEquals(80, Services.port("www", "tcp"), "an alias");
        assertEquals(25, Services.port("mail", "tcp"), "an alias");
        assertEquals(Optional.of("http"), Services.name(80, "tcp"));
        assertEquals(Optional.of("smtp"), Services.name(25, "TCP"));
    }

    private static int firstPort(Path etc, String name, String proto) throws IOException {
        for (String line : Files.readAllLines(etc, StandardCharsets.ISO_8859_1)) {
            String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
            if (f.length >= 2 && f[1].endsWith("/" + proto)) {
                for (int i = 0; i < f.length; i++) {
                    if (i != 1 && f[i].equals(name)) {
                        return Integer.parseInt(f[1].substring(0, f[1].indexOf('/')));
                    }
                }
            }
        }
        throw new AssertionError(name + " not in " + etc);
    }

    @Test
    void namesAndProtocolsAreCaseInsensitive() {
        // getservbyname is case-sensitive in glibc; names in /etc/services are all lower case,
        // so ignoring case only accepts what a user obviously meant.
        assertEquals(80, Services.port("HTTP", "tcp"));
        assertEquals(80, Services.port("Http", "TCP"));
    }

    @Test
    void udpAndTcpAreLookedUpSeparately() throws IOException {
        Path file = write("tftp 69/udp\nwhois 43/tcp nicname\ndomain 53/tcp\ndomain 53/udp\nsame 1000/tcp\nsame 2000/udp\n");
        Services.Table t = Services.Table.load(file);
        assertEquals(69, Services.port("tftp", "udp", t));
        var e = assertThrows(IllegalArgumentException.class, () -> Services.port("tftp", "tcp", t));
        assertEquals("unknown service 'tftp' for tcp (not a number, not in " + file + ")", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Services.port("whois", "udp", t));
        assertEquals(43, Services.port("nicname", "tcp", t));
        assertEquals(53, Services.port("domain", "udp", t));
        assertEquals(1000, Services.port("same", "tcp", t));
        assertEquals(2000, Services.port("same", "udp", t));
        assertEquals(Optional.of("same"), Services.name(2000, "udp", t));
        assertEquals(Optional.empty(), Services.name(2000, "tcp", t));
    }

    @Test
    void theFileFormatsCommentsAndOddLinesAreHandled() throws IOException {
        Path file = write("""
                # a comment line
                   \t
                first\t1/tcp\t\tone uno   # trailing comment, alias-like words: notanalias
                broken
                noslash 5
                badport x/tcp
                first 2/tcp
                Mixed 3/TCP
                """);
        Services.Table t = Services.Table.load(file);
        assertEquals(1, Services.port("first", "tcp", t), "the first entry of a name wins");
        assertEquals(1, Services.port("uno", "tcp", t));
        assertThrows(IllegalArgumentException.class, () -> Services.port("notanalias", "tcp", t));
        assertThrows(IllegalArgumentException.class, () -> Services.port("broken", "tcp", t));
        assertThrows(IllegalArgumentException.class, () -> Services.port("noslash", "tcp", t));
        assertThrows(IllegalArgumentException.class, () -> Services.port("badport", "tcp", t));
        assertEquals(3, Services.port("mixed", "tcp", t));
        assertEquals(Optional.of("first"), Services.name(1, "tcp", t));
    }

    @Test
    void aMissingFileFallsBackToTheBuiltInTable() {
        Path missing = dir.resolve("no-such-services");
        Services.Table t = Services.Table.load(missing);
        assertEquals(80, Services.port("http", "tcp", t));
        assertEquals(80, Services.port("www", "tcp", t));
        assertEquals(25, Services.port("smtp", "tcp", t));
        assertEquals(21, Services.port("ftp", "tcp", t));
        assertEquals(110, Services.port("pop3", "tcp", t));
        assertEquals(143, Services.port("imap", "tcp", t));
        assertEquals(119, Services.port("nntp", "tcp", t));
        assertEquals(23, Services.port("telnet", "tcp", t));
        assertEquals(70, Services.port("gopher", "tcp", t));
        assertEquals(443, Services.port("https", "tcp", t));
        assertEquals(993, Services.port("imaps", "tcp", t));
        assertEquals(123, Services.port("ntp", "udp", t));
        var e = assertThrows(IllegalArgumentException.class, () -> Services.port("nosuch", "tcp", t));
        assertEquals("unknown service 'nosuch' for tcp (not a number, not in the built-in table (" + missing + " unavailable))", e.getMessage());
    }

    @Test
    void theBuiltInTableAgreesWithThisMachinesEtcServices() {
        Services.Table builtIn = Services.Table.load(dir.resolve("missing"));
        Services.Table etc = Services.Table.load(Path.of("/etc/services"));
        for (String name : List.of("ftp", "ssh", "telnet", "smtp", "gopher", "http", "pop3", "nntp", "imap", "https",
                "submission", "imaps", "pop3s", "nntps", "ldap", "ldaps", "finger", "echo", "discard", "daytime")) {
            assertEquals(Services.port(name, "tcp", etc), Services.port(name, "tcp", builtIn), name);
        }
    }

    @Test
    void anEmptyOrUnreadableFileFallsBackToo() throws IOException {
        Path empty = write("# nothing but comments\n");
        assertEquals(25, Services.port("smtp", "tcp", Services.Table.load(empty)));
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        assertEquals(25, Services.port("smtp", "tcp", Services.Table.load(folder)));
    }

    @Test
    void anUnknownServiceIsNamedPrintably() {
        var e = assertThrows(IllegalArgumentException.class, () -> Services.port("no\nsuch", "tcp"));
        assertEquals("unknown service 'no\\x0asuch' for tcp (not a number, not in /etc/services)", e.getMessage());
        var sign = assertThrows(IllegalArgumentException.class, () -> Services.port("-1", "tcp"));
        assertTrue(sign.getMessage().startsWith("unknown service '-1'"), sign.getMessage());
    }

    @Test
    void nameChecksItsPort() {
        assertEquals("port must be 0 to 65535, not 65536", assertThrows(IllegalArgumentException.class, () -> Services.name(65536, "tcp")).getMessage());
        assertEquals("port must be 0 to 65535, not -1", assertThrows(IllegalArgumentException.class, () -> Services.name(-1, "tcp")).getMessage());
    }

    private Path write(String content) throws IOException {
        Path f = Files.createTempFile(dir, "services", "");
        Files.writeString(f, content, StandardCharsets.ISO_8859_1);
        return f;
    }
}
