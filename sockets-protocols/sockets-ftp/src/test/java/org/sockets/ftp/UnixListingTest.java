package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.ftp.FtpEntry.Kind;
import org.sockets.testkit.NoDescriptorLeaks;

/** Unix {@code ls -l} lines: the shapes found in the wild, dates and years, and lines that are not entries. */
@ExtendWith(NoDescriptorLeaks.class)
class UnixListingTest {

    static final Clock DEC_6 = Clock.fixed(Instant.parse("2026-12-06T18:10:00Z"), ZoneOffset.UTC);

    static ListingFormat at(String now) {
        return ListingFormat.unix(ListingOptions.defaults().withClock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC)));
    }

    static FtpEntry parse(String line) {
        return ListingFormat.unix(ListingOptions.defaults().withClock(DEC_6)).parse(line)
                .orElseThrow(() -> new AssertionError("not parsed: " + line));
    }

    static Instant when(ListingFormat f, String line) {
        return f.parse(line).orElseThrow().modified().orElseThrow().instant();
    }

    @Test
    void devicesHaveNoSize() {
        // GNU ls on /dev: "major, minor" stands where the size is.
        FtpEntry nul = parse("crw-rw-rw- 1 root root 1, 3 Dec  5 20:58 null");
        assertEquals(Kind.OTHER, nul.kind());
        assertEquals(OptionalLong.empty(), nul.size());
        assertEquals("null", nul.name());
        assertEquals(Optional.of("root"), nul.fact("unix.group"));
        FtpEntry loop = parse("brw-rw----    1 root     disk       7,   0 Dec  5 20:58 loop0");
        assertEquals(Kind.OTHER, loop.kind());
        assertEquals(OptionalLong.empty(), loop.size());
        assertEquals(Optional.of("disk"), loop.fact("unix.group"));
        assertEquals(OptionalLong.empty(), parse("crw-rw-rw- 1 root root 1,3 Dec  5 20:58 zero").size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "srwxrwxrwx 1 root root 0 Dec  5 20:58 mysqld.sock | OTHER | 0777",
        "prw-r--r-- 1 root root 0 Dec  5 20:58 fifo        | OTHER | 0644",
        "Drw-r--r-- 1 root root 0 Dec  5 20:58 door        | OTHER | 0644",
        "-rw-r--r--+ 1 alice staff 12 Dec  5 20:58 acl     | FILE | 0644",
        "drwxr-xr-x. 2 root root 6 Apr 11  2018 selinux   | DIRECTORY | 0755",
        "-rw-r--r--@ 1 alice staff 12 Dec  5 20:58 xattr  | FILE | 0644",
        "drwxrwsr-x 2 root staff 4096 Dec  5 20:58 setgid  | DIRECTORY | 2775",
        "-rwSr--r-- 1 root root 1 Dec  5 20:58 setuid-noexec | FILE | 4644",
        "-rw-r-lr-- 1 root root 1 Dec  5 20:58 locking     | FILE | 2644",
        "drwxrwxrwT 2 root root 4096 Dec  5 20:58 sticky-noexec | DIRECTORY | 1776",
        "-rwsr-sr-t 1 root root 1 Dec  5 20:58 all         | FILE | 7755",
        "---------- 1 root root 1 Dec  5 20:58 none        | FILE | 0000",
    })
    void typesAndModes(String line, Kind kind, String mode) {
        FtpEntry e = parse(line.strip());
        assertEquals(kind, e.kind());
        assertEquals(Optional.of(mode), e.fact("unix.mode"));
    }

    @Test
    void ownerAndGroupColumns() {
        FtpEntry noGroup = parse("-rw-r--r--   1 ftp        1234 Nov  9  2001 nogroup.txt");
        assertEquals(Optional.of("ftp"), noGroup.fact("unix.owner"));
        assertEquals(Optional.empty(), noGroup.fact("unix.group"));
        assertEquals(OptionalLong.of(1234), noGroup.size());
        // A Windows-hosted server's group with a space in it.
        FtpEntry spaced = parse("drwx------ 4 maxm Domain Users 512 Oct  2 10:59 .metadata");
        assertEquals(Optional.of("maxm"), spaced.fact("unix.owner"));
        assertEquals(Optional.of("Domain Users"), spaced.fact("unix.group"));
        assertEquals(".metadata", spaced.name());
        // No link count at all.
        FtpEntry noLinks = parse("-rw-r--r-- ftp ftp 1234 Nov 09  2001 nolinks.txt");
        assertEquals(Optional.of("ftp"), noLinks.fact("unix.owner"));
        assertEquals(Optional.of("ftp"), noLinks.fact("unix.group"));
        // A group named like a month is not the date.
        FtpEntry monthGroup = parse("-rw-r--r-- 1 500 Mar 12 Jan  1  2020 x");
        assertEquals(Optional.of("Mar"), monthGroup.fact("unix.group"));
        assertEquals(OptionalLong.of(12), monthGroup.size());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), monthGroup.modified().get().instant());
    }

    @Test
    void namesAreEverythingAfterOneBlank() {
        assertEquals("two  spaces and trailing ", parse("-rw-r--r-- 1 u g 5 Jan  1  2020 two  spaces and trailing ").name());
        assertEquals("  two leading", parse("-rw-r--r-- 1 u g 5 Jan  1  2020   two leading").name());
        assertEquals("Feb  2  2021 dated name", parse("-rw-r--r-- 1 u g 5 Jan  1  2020 Feb  2  2021 dated name").name());
        FtpEntry arrow = parse("-rw-r--r-- 1 u g 5 Jan  1  2020 not -> a link");
        assertEquals("not -> a link", arrow.name());
        assertEquals(Optional.empty(), arrow.linkTarget());
        assertEquals("semi;colon=x; y", parse("-rw-r--r-- 1 u g 5 Jan  1  2020 semi;colon=x; y").name());
        assertEquals("tab\there", parse("-rw-r--r--\t1 u\tg 5 Jan  1  2020 tab\there").name());
    }

    @Test
    void links() {
        FtpEntry link = parse("lrwxrwxrwx 1 root root 7 Dec  5 20:58 bin -> usr/bin");
        assertEquals("bin", link.name());
        assertEquals(Optional.of("usr/bin"), link.linkTarget());
        FtpEntry chained = parse("lrwxrwxrwx 1 root root 7 Dec  5 20:58 a b -> c -> d");
        assertEquals("a b", chained.name());
        assertEquals(Optional.of("c -> d"), chained.linkTarget());
        FtpEntry bare = parse("lrwxrwxrwx 1 root root 7 Dec  5 20:58 no-target");
        assertEquals("no-target", bare.name());
        assertEquals(Optional.empty(), bare.linkTarget());
        assertEquals(Kind.SYMBOLIC_LINK, bare.kind());
        // No target after the arrow, or no name before it: no split (neither is ever empty).
        FtpEntry arrowLast = parse("lrwxrwxrwx 1 root root 7 Dec  5 20:58 dangling -> ");
        assertEquals("dangling -> ", arrowLast.name());
        assertEquals(Optional.empty(), arrowLast.linkTarget());
        FtpEntry arrowFirst = parse("lrwxrwxrwx 1 u g 5 Jan  1  2020  -> target");
        assertEquals(" -> target", arrowFirst.name());
        assertEquals(Optional.empty(), arrowFirst.linkTarget());
    }

    @Test
    void sizesUpToALong() {
        assertEquals(OptionalLong.of(Long.MAX_VALUE), parse("-rw-r--r-- 1 u g 9223372036854775807 Jan  1  2020 max").size());
        assertEquals(Optional.empty(), ListingFormat.unix().parse("-rw-r--r-- 1 u g 9223372036854775808 Jan  1  2020 over"));
        assertEquals(OptionalLong.of(0), parse("-rw-r--r-- 1 u g 0 Jan  1  2020 empty").size());
    }

    @Test
    void timesToTheMinuteInferTheYear() {
        FtpEntry e = parse("-rw-r--r-- 1 u g 5 Mar 12  3:33 killmq.sh.log");
        assertEquals(new FtpTimestamp(Instant.parse("2026-03-12T03:33:00Z"), ChronoUnit.MINUTES, true), e.modified().get());
        FtpTimestamp dated = parse("-rw-r--r-- 1 u g 5 Nov  9  2001 x").modified().get();
        assertEquals(FtpTimestamp.of(Instant.parse("2001-11-09T00:00:00Z"), ChronoUnit.DAYS), dated);
        FtpTimestamp iso = parse("-rw-r--r-- 1 u g 6 2026-12-06 18:09 long-iso").modified().get();
        assertEquals(FtpTimestamp.of(Instant.parse("2026-12-06T18:09:00Z"), ChronoUnit.MINUTES), iso);
    }

    @Test
    void yearRolloverAcrossNewYear() {
        ListingFormat f = at("2027-01-01T00:30:00Z");
        assertEquals(Instant.parse("2026-12-31T23:59:00Z"), when(f, "-rw-r--r-- 1 u g 5 Dec 31 23:59 x"));
        assertEquals(Instant.parse("2027-01-01T00:10:00Z"), when(f, "-rw-r--r-- 1 u g 5 Jan  1 00:10 x"));
        // Up to a day ahead is clock skew, still this year; beyond it, last year.
        assertEquals(Instant.parse("2027-01-02T00:30:00Z"), when(f, "-rw-r--r-- 1 u g 5 Jan  2 00:30 x"));
        assertEquals(Instant.parse("2026-01-02T00:31:00Z"), when(f, "-rw-r--r-- 1 u g 5 Jan  2 00:31 x"));
        // On 31 December, a 1 January time a few hours ahead is next year's.
        ListingFormat eve = at("2026-12-31T20:00:00Z");
        assertEquals(Instant.parse("2027-01-01T08:00:00Z"), when(eve, "-rw-r--r-- 1 u g 5 Jan  1 08:00 x"));
        assertEquals(Instant.parse("2026-06-30T12:00:00Z"), when(eve, "-rw-r--r-- 1 u g 5 Jun 30 12:00 x"));
    }

    @Test
    void february29() {
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), when(at("2025-03-10T00:00:00Z"), "-rw-r--r-- 1 u g 5 Feb 29 12:00 x"));
        assertEquals(Instant.parse("2028-02-29T12:00:00Z"), when(at("2028-03-01T00:00:00Z"), "-rw-r--r-- 1 u g 5 Feb 29 12:00 x"));
        assertEquals(Instant.parse("2028-02-29T10:00:00Z"), when(at("2028-02-28T12:00:00Z"), "-rw-r--r-- 1 u g 5 Feb 29 10:00 x"));
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), when(at("2027-12-31T00:00:00Z"), "-rw-r--r-- 1 u g 5 Feb 29 12:00 x"));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), when(at("2027-12-31T00:00:00Z"), "-rw-r--r-- 1 u g 5 Feb 29  2024 x"));
        // A day that no year has: the entry, without a time.
        FtpEntry feb30 = parse("-rw-r--r-- 1 u g 5 Feb 30  2024 x");
        assertEquals("x", feb30.name());
        assertEquals(Optional.empty(), feb30.modified());
        assertEquals(Optional.empty(), parse("-rw-r--r-- 1 u g 5 Feb 29  2023 x").modified());
        assertEquals(Optional.empty(), parse("-rw-r--r-- 1 u g 5 2023-02-29 10:00 x").modified());
    }

    @Test
    void theServersZone() {
        ListingOptions berlin = ListingOptions.defaults().withClock(DEC_6).withServerZone(ZoneId.of("Europe/Berlin"));
        ListingFormat f = ListingFormat.unix(berlin);
        assertEquals(Instant.parse("2026-07-01T10:00:00Z"), when(f, "-rw-r--r-- 1 u g 5 Jul  1 12:00 x"));
        assertEquals(Instant.parse("2019-12-31T23:00:00Z"), when(f, "-rw-r--r-- 1 u g 5 Jan  1  2020 x"));
        // In Tokyo it is already 1 January 2027 08:30 when UTC is still 2026.
        ListingFormat tokyo = ListingFormat.unix(ListingOptions.defaults()
                .withClock(Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC))
                .withServerZone(ZoneId.of("Asia/Tokyo")));
        assertEquals(Instant.parse("2026-12-31T23:00:00Z"), when(tokyo, "-rw-r--r-- 1 u g 5 Jan  1 08:00 x"));
    }

    @Test
    void otherMonthNames() {
        ListingOptions german = ListingOptions.defaults().withClock(DEC_6)
                .withMonthNames(List.of("Jan", "Feb", "M\u00e4r", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"));
        ListingFormat f = ListingFormat.unix(german);
        assertEquals(Instant.parse("2026-03-03T10:00:00Z"), when(f, "-rw-r--r-- 1 u g 5 M\u00e4r  3 10:00 x"));
        assertEquals(Instant.parse("2025-12-24T00:00:00Z"), when(f, "-rw-r--r-- 1 u g 5 dez 24  2025 x"));
        assertEquals(Optional.empty(), f.parse("-rw-r--r-- 1 u g 5 Mar  3 10:00 x"));
        ListingFormat fromLocale = ListingFormat.unix(ListingOptions.defaults().withClock(DEC_6).withMonthNames(Locale.GERMAN));
        assertEquals(Instant.parse("2026-10-03T10:00:00Z"), when(fromLocale, "-rw-r--r-- 1 u g 5 Okt  3 10:00 x"));
    }

    @Test
    void dotEntriesAreCurrentOrParent() {
        assertTrue(parse("drwxr-xr-x    4 0        0            4096 Dec 06 18:09 .").isCurrentOrParent());
        assertTrue(parse("drwxr-xr-x    4 0        0            4096 Dec 06 18:09 ..").isCurrentOrParent());
        assertFalse(parse("drwxr-xr-x    4 0        0            4096 Dec 06 18:09 ...").isCurrentOrParent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "total 52", "total 0", "hello", "drwxr-xr-x", "drwxr-xr-x ", "-rw-r--r--1 u g 5 Jan  1  2020 x",
        "-rw-r--r-X 1 u g 5 Jan  1  2020 x", "xrw-r--r-- 1 u g 5 Jan  1  2020 x", "-rw-r--r-- 1 u g x Jan  1  2020 name",
        "-rw-r--r-- 1 u g 5 Foo  1  2020 name", "-rw-r--r-- 1 u g 5 Jan 32  2020 name", "-rw-r--r-- 1 u g 5 Jan  0  2020 name",
        "-rw-r--r-- 1 u g 5 Jan  1 24:00 name", "-rw-r--r-- 1 u g 5 Jan  1 12:60 name", "-rw-r--r-- 1 u g 5 Jan  1 123:00 name",
        "-rw-r--r-- 1 u g 5 Jan  1 20201 name", "-rw-r--r-- 1 u g 5 Jan  1  2020", "-rw-r--r-- 1 u g 5 Jan  1  2020 ",
        "-rw-r--r-- 1 u g 5 Jan 001  2020 name", "-rw-r--r-- 1 u g 5 2020-1-01 10:00 name", "-rw-r--r-- 1 u g 5 Jan  1",
        "-rw-r--r-- 1 u g 1,x Jan  1  2020 name", "12-05-96  05:03PM       <DIR>          absoft2",
        "type=file;size=1; name",
    })
    void notEntries(String line) {
        assertEquals(Optional.empty(), ListingFormat.unix(ListingOptions.defaults().withClock(DEC_6)).parse(line), line);
    }
}
