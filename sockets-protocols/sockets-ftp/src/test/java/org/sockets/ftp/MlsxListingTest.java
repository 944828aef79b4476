package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.ftp.FtpEntry.Kind;
import org.sockets.testkit.NoDescriptorLeaks;

/** MLSD / MLST entry lines (RFC 3659 section 7). */
@ExtendWith(NoDescriptorLeaks.class)
class MlsxListingTest {

    static FtpEntry parse(String line) {
        return ListingFormat.mlsx().parse(line).orElseThrow(() -> new AssertionError("not parsed: " + line));
    }

    @Test
    void theRfcsIanaExample() {
        // RFC 3659 section 8.1.
        List<FtpEntry> entries = ListingFormat.mlsx().parseAll(List.of(
                "Type=cdir;Modify=19990219183438; /iana/assignments",
                "Type=pdir;Modify=19990112030453; ..",
                "Type=dir;Modify=19990219073522; media-types",
                "Type=file;Size=44242;Modify=19990217230400; character-sets"));
        assertEquals(4, entries.size());
        assertTrue(entries.get(0).isCurrentOrParent());
        assertEquals("/iana/assignments", entries.get(0).name());
        assertTrue(entries.get(1).isCurrentOrParent());
        assertFalse(entries.get(2).isCurrentOrParent());
        assertEquals(Kind.DIRECTORY, entries.get(2).kind());
        FtpEntry file = entries.get(3);
        assertEquals("character-sets", file.name());
        assertEquals(Kind.FILE, file.kind());
        assertEquals(OptionalLong.of(44242), file.size());
        assertEquals(FtpTimestamp.of(Instant.parse("1999-02-17T23:04:00Z"), ChronoUnit.SECONDS), file.modified().get());
        assertEquals(Map.of("type", "file", "size", "44242", "modify", "19990217230400"), file.facts());
        assertEquals(Optional.of("44242"), file.fact("SIZE"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Type=OS.unix=slink:/foobar;Perm=;Unique=keVO1+4G4; foobar | foobar | SYMBOLIC_LINK | /foobar",
        "type=OS.unix=symlink;size=9; link                         | link   | SYMBOLIC_LINK |",
        "type=OS.unix=slink:a;b=c; d                               | d      | SYMBOLIC_LINK | a",
        "Type=OS.unix=chr-13/29;Perm=;Unique=keVO1+5G4; device     | device | OTHER         |",
        "Type=OS.unix=blk-11/108;Perm=;Unique=keVO1+6G4; block     | block  | OTHER         |",
        "type=unknown;size=0; pipe                                 | pipe   | OTHER         |",
        "size=3; no type                                           | no type | OTHER        |",
        "TYPE=FILE; upper                                          | upper  | FILE          |",
        "Type=Dir; mixed                                           | mixed  | DIRECTORY     |",
    })
    void types(String line, String name, Kind kind, String target) {
        FtpEntry e = parse(line.strip());
        assertEquals(name, e.name());
        assertEquals(kind, e.kind());
        assertEquals(Optional.ofNullable(target), e.linkTarget());
    }

    @Test
    void namesTakeEverythingAfterTheFacts() {
        assertEquals("two words", parse("Type=file;Perm=r;Unique=keVO1+EG4; two words").name());
        assertEquals(" leading space", parse("Type=file;Perm=r;Unique=keVO1+IH4;  leading space").name());
        assertEquals("a; b=c; d", parse("type=file; a; b=c; d").name());
        assertEquals("trailing ", parse("type=file; trailing ").name());
        // A leading space: no facts at all.
        FtpEntry bare = parse(" /no/facts");
        assertEquals("/no/facts", bare.name());
        assertEquals(Map.of(), bare.facts());
        assertEquals(Kind.OTHER, bare.kind());
        assertEquals(" type=file;size=1; x", parse("  type=file;size=1; x").name());
        // pure-ftpd puts the link target, spaces and all, in the type fact.
        FtpEntry spaced = parse("type=OS.unix=slink:name with  spaces.txt;size=21; spaced link");
        assertEquals("spaced link", spaced.name());
        assertEquals(Optional.of("name with  spaces.txt"), spaced.linkTarget());
    }

    @Test
    void sizes() {
        assertEquals(OptionalLong.of(Long.MAX_VALUE), parse("type=file;size=9223372036854775807; max").size());
        assertEquals(OptionalLong.empty(), parse("type=file;size=9223372036854775808; over").size());
        assertEquals(OptionalLong.empty(), parse("type=file;size=-1; negative").size());
        assertEquals(OptionalLong.empty(), parse("type=file;size=; empty").size());
        assertEquals(OptionalLong.empty(), parse("type=file;size=1e3; exp").size());
        assertEquals(OptionalLong.of(4096), parse("type=dir;sizd=4096; pure-ftpd").size());
        assertEquals(OptionalLong.of(1), parse("type=file;size=1;sizd=2; both").size());
        // The first of a repeated fact counts.
        assertEquals(OptionalLong.of(1), parse("type=file;size=1;Size=2; twice").size());
    }

    @ParameterizedTest
    @CsvSource({
        "20141022065102,        2014-10-22T06:51:02Z,           SECONDS",
        "20141022065102.9,      2014-10-22T06:51:02.900Z,       MILLIS",
        "20141022065102.999,    2014-10-22T06:51:02.999Z,       MILLIS",
        "20141022065102.1234,   2014-10-22T06:51:02.123400Z,    MICROS",
        "20141022065102.123456789, 2014-10-22T06:51:02.123456789Z, NANOS",
        "20141022065102.1234567891234, 2014-10-22T06:51:02.123456789Z, NANOS",
        "19981231235960,        1998-12-31T23:59:59.999999999Z, SECONDS",
        "20240229000000,        2024-02-29T00:00:00Z,           SECONDS",
        "00010101000000,        0001-01-01T00:00:00Z,           SECONDS",
    })
    void modifyTimes(String value, String instant, ChronoUnit precision) {
        FtpTimestamp t = parse("type=file;modify=" + value + "; x").modified().get();
        assertEquals(Instant.parse(instant), t.instant());
        assertEquals(precision, t.precision());
        assertFalse(t.yearInferred());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014", "2014102206510x", "20141022065102Z", "20141022065102.", "20141022065102.5x",
        "20141322065102", "20140230065102", "20141022245102", "20141022066102", "20141022065161", "", "+2014102206510"})
    void badModifyTimesKeepTheEntry(String value) {
        FtpEntry e = parse("type=file;size=1;modify=" + value + "; x");
        assertEquals("x", e.name());
        assertEquals(Optional.empty(), e.modified());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "name-only", "Type=cdir;Modify=20141022065101;UNIX.mode=0775;/no/space",
        "Type=cdir;Modify=20141022065103;UNIX.mode=0775;", "Type=cdir;Modify=20141022065102;UNIX.mode=0775; ",
        "Type=dir;Size; missing =size", "Type=dir missing-semicolon", "Type= missing value and semicolon",
        "=value; x", "type=file;;size=1; x", "type=file;=1; x", "type;size=1; x",
        "-rw-r--r-- 1 u g 5 Jan  1  2020 x", "12-05-96  05:03PM       <DIR>          absoft2"})
    void notEntries(String line) {
        assertEquals(Optional.empty(), ListingFormat.mlsx().parse(line), line);
    }
}
