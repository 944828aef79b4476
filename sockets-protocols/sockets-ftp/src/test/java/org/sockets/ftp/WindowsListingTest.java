package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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

/** Windows (IIS "MS-DOS" style) LIST lines. */
@ExtendWith(NoDescriptorLeaks.class)
class WindowsListingTest {

    static final ListingFormat WINDOWS = ListingFormat.windows(ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-06T18:10:00Z"), ZoneOffset.UTC)));

    static FtpEntry parse(String line) {
        return WINDOWS.parse(line).orElseThrow(() -> new AssertionError("not parsed: " + line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // IIS, 12-hour clock; the name starts after the size's one blank or <DIR>'s padding
        "05-26-95  10:57AM               143712 $LDR$           | $LDR$          | FILE      | 143712     | 1995-05-26T10:57:00Z",
        "12-05-96  05:03PM       <DIR>          absoft2         | absoft2        | DIRECTORY |            | 1996-12-05T17:03:00Z",
        "11-14-97  04:21PM                  953 AUDITOR3.INI    | AUDITOR3.INI   | FILE      | 953        | 1997-11-14T16:21:00Z",
        "12-03-96  06:38AM       <DIR>          123xyz          | 123xyz         | DIRECTORY |            | 1996-12-03T06:38:00Z",
        "05-22-97  12:08AM                  5000000000 AUTOEXEC.BAK | AUTOEXEC.BAK | FILE    | 5000000000 | 1997-05-22T00:08:00Z",
        "01-16-02  12:14PM       <DIR>          epsgroup        | epsgroup       | DIRECTORY |            | 2002-01-16T12:14:00Z",
        // four-digit years, as IIS writes them with FtpDirBrowseShowLongDate
        "05-26-1995  10:57AM               143712 $LDR$         | $LDR$          | FILE      | 143712     | 1995-05-26T10:57:00Z",
        "12-06-2026  06:09PM       <DIR>          Program Files | Program Files  | DIRECTORY |            | 2026-12-06T18:09:00Z",
        // 24-hour clock (Windows CE, other servers)
        "12-05-96  17:03         <DIR>          absoft2         | absoft2        | DIRECTORY |            | 1996-12-05T17:03:00Z",
        "09-13-10  13:08                   23 Control Panel.lnk | Control Panel.lnk | FILE   | 23         | 2010-09-13T13:08:00Z",
        "09-13-10  13:08       <DIR>          My Documents      | My Documents   | DIRECTORY |            | 2010-09-13T13:08:00Z",
        "05-22-97  12:08                  5000000000 10 years and under | 10 years and under | FILE | 5000000000 | 1997-05-22T12:08:00Z",
        // a blank between the time and AM/PM, and '/' between the date's parts
        "12/05/96  05:03 PM       <DIR>          slashed        | slashed        | DIRECTORY |            | 1996-12-05T17:03:00Z",
    })
    void lines(String line, String name, Kind kind, Long size, String time) {
        FtpEntry e = parse(line.strip());
        assertEquals(name, e.name());
        assertEquals(kind, e.kind());
        assertEquals(size == null ? OptionalLong.empty() : OptionalLong.of(size), e.size());
        assertEquals(FtpTimestamp.of(Instant.parse(time), ChronoUnit.MINUTES), e.modified().get());
        assertEquals(Map.of(), e.facts());
        assertEquals(Optional.empty(), e.linkTarget());
        assertEquals(line.strip(), e.rawLine());
    }

    @Test
    void namesKeepTheirInnerSpaces() {
        assertEquals("a  b  c", parse("12-03-96  06:38AM       <DIR>          a  b  c").name());
        assertEquals("dots...", parse("12-03-96  06:38AM                  1 dots...").name());
        assertTrue(parse("12-03-96  06:38AM       <DIR>          .").isCurrentOrParent());
        assertTrue(parse("12-03-96  06:38AM       <DIR>          ..").isCurrentOrParent());
        assertFalse(parse("12-03-96  06:38AM       <DIR>          ...").isCurrentOrParent());
    }

    @Test
    void twoDigitYearsAroundTheClock() {
        assertEquals(2046, year("01-01-46  12:00PM  <DIR>  x"));
        assertEquals(1947, year("01-01-47  12:00PM  <DIR>  x"));
        assertEquals(2000, year("01-01-00  12:00PM  <DIR>  x"));
        assertEquals(1999, year("01-01-99  12:00PM  <DIR>  x"));
    }

    private static int year(String line) {
        return parse(line).modified().get().instant().atZone(ZoneOffset.UTC).getYear();
    }

    @Test
    void noonAndMidnight() {
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), parse("01-01-20  12:00AM  1 x").modified().get().instant());
        assertEquals(Instant.parse("2020-01-01T12:59:00Z"), parse("01-01-20  12:59PM  1 x").modified().get().instant());
        assertEquals(Instant.parse("2020-01-01T23:59:00Z"), parse("01-01-20  11:59pm  1 x").modified().get().instant());
    }

    @Test
    void theServersZone() {
        ListingFormat tokyo = ListingFormat.windows(ListingOptions.defaults().withServerZone(ZoneId.of("Asia/Tokyo")));
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"),
                tokyo.parse("01-01-20  09:00AM  1 x").get().modified().get().instant());
    }

    @Test
    void impossibleDatesKeepTheEntry() {
        FtpEntry e = parse("02-30-20  09:00AM  1 feb30");
        assertEquals("feb30", e.name());
        assertEquals(Optional.empty(), e.modified());
        assertEquals(Optional.empty(), parse("13-01-20  09:00AM  1 month13").modified());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "12-05-96", "12-05-96  05:03PM", "12-05-96  05:03PM       <DIR>", "12-05-96  05:03PM       <DIR>   ",
        "12-05-96  05:03PM  1", "12-05-96  05:03XM  <DIR>  x", "12-05-96  00:10AM  <DIR>  x", "12-05-96  13:10PM  <DIR>  x",
        "12-05-96  25:10  <DIR>  x", "12-05-96  5:3PM  <DIR>  x", "12-05-9  05:03PM  <DIR>  x", "12.05.96  05:03PM  <DIR>  x",
        "12-05/96  05:03PM  <DIR>  x", "1a-05-96  05:03PM  <DIR>  x", "12-05-96 05:03PM <dir> x", "12-05-96  05:03PM  -1 x",
        "12-05-96  05:03PM  9223372036854775808 x", "12-05-96  05:03PM  12a x", "12-05-96-05:03PM  1 x",
        "-rw-r--r-- 1 u g 5 Jan  1  2020 x", "type=file;size=1; name",
    })
    void notEntries(String line) {
        assertEquals(Optional.empty(), WINDOWS.parse(line), line);
    }
}
