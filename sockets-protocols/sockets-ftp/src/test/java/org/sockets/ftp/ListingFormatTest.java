package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sockets.ftp.FtpEntry.Kind;
import org.sockets.testkit.NoDescriptorLeaks;

/** The formats as a whole: auto-detection, SYST, the value types' checks, and hostile text. */
@ExtendWith(NoDescriptorLeaks.class)
class ListingFormatTest {

    static final ListingOptions OPTIONS = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-06T18:10:00Z"), ZoneOffset.UTC));

    /** Lines of every format, the seeds of the mutation test. */
    static final List<String> SEEDS = List.of(
            "-rw-r--r--    1 0        0               2 Dec 06 18:09  leading",
            "lrwxrwxrwx   1 root     root           21 Dec  6 18:09 spaced link -> name with  spaces.txt",
            "crw-rw-rw- 1 root root 1, 3 Dec  5 20:58 null",
            "drwx------ 4 maxm Domain Users 512 Oct  2 10:59 .metadata",
            "-rw-r--r-- 1 u g 6 2026-12-06 18:09 long-iso",
            "total 52",
            "12-05-96  05:03PM       <DIR>          absoft2",
            "05-22-97  12:08                  5000000000 10 years and under",
            "type=OS.unix=slink:name with  spaces.txt;size=21;modify=20261206180905;UNIX.mode=0777; spaced link",
            "modify=20261206180905.123;perm=adfr;size=6;type=file;unique=FE00U20C207;UNIX.mode=0644; plain.txt",
            " /no/facts");

    @Test
    void autoDecidesPerLine() {
        ListingFormat auto = ListingFormat.auto(OPTIONS);
        List<FtpEntry> entries = auto.parseAll(List.of(
                "drwxr-xr-x 2 root root 4096 Dec  5 20:58 unix-dir",
                "12-05-96  05:03PM       <DIR>          windows-dir",
                "total 8",
                "garbage",
                "09-13-10  13:08                   23 Control Panel.lnk",
                "type=file;size=1; mlsd-is-not-list"));
        assertEquals(List.of("unix-dir", "windows-dir", "Control Panel.lnk"), entries.stream().map(FtpEntry::name).toList());
        assertEquals(Optional.of("0755"), entries.get(0).fact("unix.mode"));
        assertEquals(OptionalLong.of(23), entries.get(2).size());
        assertThrows(UnsupportedOperationException.class, () -> entries.add(entries.get(0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "215 UNIX Type: L8                 | ListingFormat.unix(Z)",
        "UNIX Type: L8                     | ListingFormat.unix(Z)",
        "215 UNIX emulated by FileZilla    | ListingFormat.unix(Z)",
        "215 unix                          | ListingFormat.unix(Z)",
        "215 Windows_NT                    | ListingFormat.auto",
        "215 Windows_NT version 5.0        | ListingFormat.auto",
        "215 MACOS Peter's Server          | ListingFormat.auto",
        "215 VMS                           | ListingFormat.auto",
        "215                               | ListingFormat.auto",
        "''                                | ListingFormat.auto",
    })
    void fromSystem(String syst, String format) {
        assertEquals(format, ListingFormat.fromSystem(syst, ListingOptions.defaults()).toString());
    }

    @Test
    void fromSystemKeepsTheOptions() {
        FtpEntry e = ListingFormat.fromSystem("215 UNIX Type: L8", OPTIONS)
                .parse("-rw-r--r-- 1 u g 5 Mar 12 03:33 x").get();
        assertEquals(Instant.parse("2026-03-12T03:33:00Z"), e.modified().get().instant());
        FtpEntry w = ListingFormat.fromSystem("215 Windows_NT", OPTIONS)
                .parse("-rw-r--r-- 1 u g 5 Mar 12 03:33 x").get();
        assertEquals(Instant.parse("2026-03-12T03:33:00Z"), w.modified().get().instant());
    }

    @Test
    void aFormatIsOneMethod() {
        ListingFormat names = line -> Optional.of(new FtpEntry(line, Kind.OTHER, OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Map.of(), line));
        assertEquals(List.of("a", "b"), names.parseAll(List.of("a", "b")).stream().map(FtpEntry::name).toList());
    }

    @Test
    void misuse() {
        assertThrows(NullPointerException.class, () -> ListingFormat.unix().parse(null));
        assertThrows(NullPointerException.class, () -> ListingFormat.windows().parse(null));
        assertThrows(NullPointerException.class, () -> ListingFormat.mlsx().parse(null));
        assertThrows(NullPointerException.class, () -> ListingFormat.auto().parse(null));
        assertThrows(NullPointerException.class, () -> ListingFormat.unix(null));
        assertThrows(NullPointerException.class, () -> ListingFormat.fromSystem("UNIX", null));
        IllegalArgumentException eleven = assertThrows(IllegalArgumentException.class,
                () -> ListingOptions.defaults().withMonthNames(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")));
        assertTrue(eleven.getMessage().contains("11"), eleven.getMessage());
        List<String> twice = new ArrayList<>(ListingOptions.defaults().monthNames());
        twice.set(1, "jan");
        assertThrows(IllegalArgumentException.class, () -> ListingOptions.defaults().withMonthNames(twice));
        List<String> spaced = new ArrayList<>(ListingOptions.defaults().monthNames());
        spaced.set(1, "F b");
        assertThrows(IllegalArgumentException.class, () -> ListingOptions.defaults().withMonthNames(spaced));
        assertThrows(IllegalArgumentException.class, () -> new FtpTimestamp(Instant.EPOCH, ChronoUnit.HOURS, false));
        assertThrows(IllegalArgumentException.class, () -> new FtpEntry("", Kind.FILE, OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Map.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> new FtpEntry("x", Kind.FILE, OptionalLong.of(-1),
                Optional.empty(), Optional.empty(), Map.of(), "x"));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> new FtpEntry("x", Kind.FILE,
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Map.of("Size", "1", "size", "2"), "x"));
        assertTrue(dup.getMessage().contains("size"), dup.getMessage());
    }

    @Test
    void factsAreLowerCasedSortedAndUnmodifiable() {
        Map<String, String> given = new HashMap<>(Map.of("UNIX.Mode", "0644", "Type", "file"));
        FtpEntry e = new FtpEntry("x", Kind.FILE, OptionalLong.empty(), Optional.empty(), Optional.empty(), given, "x");
        given.put("size", "1");
        assertEquals(List.of("type", "unix.mode"), List.copyOf(e.facts().keySet()));
        assertEquals(Optional.of("0644"), e.fact("unix.MODE"));
        assertThrows(UnsupportedOperationException.class, () -> e.facts().put("a", "b"));
    }

    @Test
    void hugeLinesAreRefusedWithoutWork() {
        String megabyte = "-rw-r--r-- 1 u g 5 Jan  1  2020 " + "x".repeat(1 << 20);
        for (ListingFormat f : List.of(ListingFormat.unix(), ListingFormat.windows(), ListingFormat.auto(), ListingFormat.mlsx())) {
            assertEquals(Optional.empty(), f.parse(megabyte), f.toString());
        }
        String longest = "-rw-r--r-- 1 u g 5 Jan  1  2020 ";
        longest += "x".repeat(ListingFormat.MAX_LINE_LENGTH - longest.length());
        assertEquals(ListingFormat.MAX_LINE_LENGTH - 32, ListingFormat.unix().parse(longest).get().name().length());
        assertEquals(Optional.empty(), ListingFormat.unix().parse(longest + "x"));
    }

    @Test
    void pathologicalLinesTakeLinearTime() {
        int n = ListingFormat.MAX_LINE_LENGTH;
        List<String> lines = List.of(
                "-rw-r--r-- " + "1 ".repeat(n / 2 - 6),
                "-rw-r--r-- 1 u g 5 " + "Jan 1 ".repeat(n / 6 - 4),
                "-rw-r--r-- 1 u g " + "5 Jan  1 ".repeat(n / 10 - 2),
                "-rw-r--r-- " + " ".repeat(n - 11),
                "-rw-r--r-- 1 u g 5 Jan  1  2020 " + "a -> ".repeat(n / 5 - 7),
                "lrwxrwxrwx 1 u g 5 Jan  1  2020 " + " -> ".repeat(n / 4 - 8),
                "a=;".repeat(n / 3 - 1) + " x",
                "a;".repeat(n / 2 - 1) + " x",
                "f=" + "=".repeat(n - 6) + "; x",
                "type=file;" + ";".repeat(n - 13) + " x",
                "12-05-96  05:03PM  " + "1".repeat(n - 21) + " x",
                "12-05-96" + " ".repeat(n - 8),
                ";".repeat(n),
                " ".repeat(n),
                "1".repeat(n));
        ListingFormat[] formats = {ListingFormat.unix(), ListingFormat.windows(), ListingFormat.auto(), ListingFormat.mlsx()};
        // Fifty passes over 15 lines of 64 KiB through four formats: about 200 MB of text, well
        // under a second if the work is linear, minutes if any of it were quadratic.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 50; round++) {
                for (String line : lines) {
                    for (ListingFormat f : formats) {
                        f.parse(line).ifPresent(e -> assertTrue(line.endsWith(e.name())));
                    }
                }
            }
        });
    }

    @Test
    void mutatedLinesNeverThrow() {
        ListingFormat[] formats = {ListingFormat.unix(OPTIONS), ListingFormat.windows(OPTIONS),
            ListingFormat.auto(OPTIONS), ListingFormat.mlsx()};
        Random random = new Random(20261206);
        String alphabet = " \t;=:,-+.<>/0123456789drwxlsStTJanDecPMAM\u00e4\u0000\r\n";
        int entries = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder b = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = b.isEmpty() ? 0 : random.nextInt(b.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(4)) {
                    case 0 -> { if (!b.isEmpty()) b.setCharAt(at, c); }
                    case 1 -> b.insert(at, c);
                    case 2 -> { if (!b.isEmpty()) b.deleteCharAt(at); }
                    default -> b.setLength(at);
                }
            }
            String line = b.toString();
            for (ListingFormat f : formats) {
                Optional<FtpEntry> parsed = f.parse(line);
                if (parsed.isPresent()) {
                    entries++;
                    FtpEntry e = parsed.get();
                    assertEquals(line, e.rawLine());
                    assertFalse(e.name().isEmpty(), line);
                    // An MLSx target is in the type fact; a LIST target follows the name.
                    String tail = e.linkTarget().isPresent() && f != ListingFormat.mlsx()
                            ? e.name() + " -> " + e.linkTarget().get() : e.name();
                    assertTrue(line.endsWith(tail), f + ": " + line + " -> " + e);
                    assertTrue(e.size().orElse(0) >= 0, line);
                }
            }
        }
        assertTrue(entries > 10_000, "most mutations still parse, so the parsers were exercised: " + entries);
    }
}
