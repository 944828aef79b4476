package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.testkit.NoDescriptorLeaks;

/** Strict numbers, path confinement and the options' defaults. */
@ExtendWith(NoDescriptorLeaks.class)
class SafetyTest {

    /** Temporary folders open /dev/random and /dev/urandom once per process (SecureRandom): before the counts. */
    @org.junit.jupiter.api.BeforeAll
    static void openOncePerProcess() throws IOException {
        Files.delete(Files.createTempDirectory("warm-up"));
    }

    @Test
    void numbersAreAsciiDigitsOnlyAndBounded() throws MalformedReplyException {
        assertEquals(0, Numbers.parseInt("0", "n"));
        assertEquals(123456789012345678L, Numbers.parse("123456789012345678", Long.MAX_VALUE, "n"));
        assertEquals(Integer.MAX_VALUE, Numbers.parseInt("2147483647", "n"));
        for (String bad : new String[] {"", "-1", "+1", " 1", "1 ", "1_000", "1e3", "0x10", "١٢", "１", "1234567890123456789",
                "2147483648", "99999999999999999999999"}) {
            assertThrows(MalformedReplyException.class, () -> Numbers.parseInt(bad, "size"), bad);
        }
        assertThrows(MalformedReplyException.class, () -> Numbers.parse("101", 100, "n"));
    }

    @Test
    void serverNamesStayUnderTheFolder(@TempDir Path dir) throws IOException {
        Path root = dir.toRealPath();
        assertEquals(root.resolve("a/b.txt"), LocalPaths.confine(dir, "a/b.txt"));
        assertEquals(root.resolve("a/b.txt"), LocalPaths.confine(dir, "./a//b.txt"));
        for (String bad : new String[] {"..", "../x", "a/../../b", "a/../b", "/etc/passwd", "//x", "a\0b", "a\\..\\b", "C:x",
                "", ".", "a/\nb"}) {
            assertThrows(PathEscapeException.class, () -> LocalPaths.confine(dir, bad), Printable.escape(bad));
        }
        Path outside = Files.createTempDirectory("outside");
        try {
            Files.createSymbolicLink(dir.resolve("link"), outside);
            assertThrows(PathEscapeException.class, () -> LocalPaths.confine(dir, "link/x"));
            assertThrows(PathEscapeException.class, () -> LocalPaths.confine(dir, "link"));
            Files.createSymbolicLink(dir.resolve("dangling"), outside.resolve("nothing"));
            assertThrows(PathEscapeException.class, () -> LocalPaths.confine(dir, "dangling"));
            Files.createDirectory(dir.resolve("in"));
            Files.createSymbolicLink(dir.resolve("inlink"), dir.resolve("in"));
            assertEquals(root.resolve("inlink/f"), LocalPaths.confine(dir, "inlink/f"), "a link that stays inside is fine");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void optionDefaultsAreFinite() {
        ClientOptions o = ClientOptions.defaults();
        assertEquals(Duration.ofSeconds(10), o.connectTimeout());
        assertEquals(Duration.ofSeconds(30), o.readTimeout());
        assertEquals(8192, o.limits().replyLine());
        assertEquals(1 << 20, o.limits().bodyLine());
        assertEquals(1 << 20, o.limits().multiLineReply());
        assertEquals(65536, o.limits().headerBlock());
        assertEquals(100, o.limits().headerFields());
        assertEquals(16 << 20, o.limits().inMemoryBody());
        assertThrows(IllegalArgumentException.class, () -> o.withReadTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().withReplyLine(0));
    }
}
