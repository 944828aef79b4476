package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.ftp.FtpEntry.Kind;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The exact lines real servers sent for one folder: vsftpd 3.0.3, proftpd 1.3.8 and pure-ftpd
 * 1.0.50 (Debian 12 builds, anonymous, listed with curl on 2026-12-06 at 18:09 UTC), and busybox
 * 1.35's {@code ls -la} (what busybox ftpd runs). The folder held what the tests below expect:
 * names with two spaces, with {@code " -> "}, with a leading space, with {@code ;} and non-ASCII
 * letters, a 5 GB sparse file, links, a FIFO, set-uid and sticky modes, and files dated 2001,
 * 29 February 2024 and 1 March 2027 (in the future).
 *
 * <p>The servers themselves are the client's tests' business; these are the parser's, without
 * fixtures.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ServerListingsTest {

    /** When the listings were taken. */
    static final Clock THEN = Clock.fixed(Instant.parse("2026-12-06T18:10:01Z"), ZoneOffset.UTC);
    static final ListingFormat UNIX = ListingFormat.unix(ListingOptions.defaults().withClock(THEN));

    record Made(Kind kind, long size, String target, String mode) {
    }

    static final Map<String, Made> MADE = made();

    private static Map<String, Made> made() {
        Map<String, Made> m = new HashMap<>();
        m.put(" leading", new Made(Kind.FILE, 2, null, "0644"));
        m.put("a -> b", new Made(Kind.FILE, 2, null, "0644"));
        m.put("big.iso", new Made(Kind.FILE, 5_000_000_000L, null, "0644"));
        m.put("dir", new Made(Kind.DIRECTORY, 4096, null, "0755"));
        m.put("future.txt", new Made(Kind.FILE, 2, null, "0644"));
        m.put("leap.txt", new Made(Kind.FILE, 2, null, "0644"));
        m.put("link", new Made(Kind.SYMBOLIC_LINK, 9, "plain.txt", "0777"));
        m.put("name with  spaces.txt", new Made(Kind.FILE, 2, null, "0644"));
        m.put("old.txt", new Made(Kind.FILE, 4, null, "0644"));
        m.put("pipe", new Made(Kind.OTHER, 0, null, "0644"));
        m.put("plain.txt", new Made(Kind.FILE, 6, null, "0644"));
        m.put("setuid", new Made(Kind.FILE, 2, null, "4755"));
        m.put("spaced link", new Made(Kind.SYMBOLIC_LINK, 21, "name with  spaces.txt", "0777"));
        m.put("sticky", new Made(Kind.DIRECTORY, 4096, null, "1777"));
        m.put("\u00fcn\u00efcode;semi.txt", new Made(Kind.FILE, 2, null, "0644"));
        return Map.copyOf(m);
    }

    /** vsftpd 3.0.3, {@code LIST -a}: numeric owners, two-digit days. */
    static final String VSFTPD = """
            -rw-r--r--    1 0        0               2 Dec 06 18:09  leading
            drwxr-xr-x    4 0        0            4096 Dec 06 18:09 .
            drwxr-xr-x    4 0        0            4096 Dec 06 18:09 ..
            -rw-r--r--    1 0        0               2 Dec 06 18:09 a -> b
            -rw-r--r--    1 0        0        5000000000 Dec 06 18:09 big.iso
            drwxr-xr-x    2 0        0            4096 Dec 06 18:09 dir
            -rw-r--r--    1 0        0               2 Mar 01  2027 future.txt
            -rw-r--r--    1 0        0               2 Feb 29  2024 leap.txt
            lrwxrwxrwx    1 0        0               9 Dec 06 18:09 link -> plain.txt
            -rw-r--r--    1 0        0               2 Dec 06 18:09 name with  spaces.txt
            -rw-r--r--    1 1234     5678            4 Apr 27  2001 old.txt
            prw-r--r--    1 0        0               0 Dec 06 18:09 pipe
            -rw-r--r--    1 0        0               6 Dec 06 18:09 plain.txt
            -rwsr-xr-x    1 0        0               2 Dec 06 18:09 setuid
            lrwxrwxrwx    1 0        0              21 Dec 06 18:09 spaced link -> name with  spaces.txt
            drwxrwxrwt    2 0        0            4096 Dec 06 18:09 sticky
            -rw-r--r--    1 0        0               2 Dec 06 18:09 \u00fcn\u00efcode;semi.txt
            """;

    /** proftpd 1.3.8, {@code LIST -a}: a future date shown without its year. */
    static final String PROFTPD = """
            -rw-r--r--   1 root     root            2 Dec  6 18:09  leading
            drwxr-xr-x   4 root     root         4096 Dec  6 18:09 .
            drwxr-xr-x   4 root     root         4096 Dec  6 18:09 ..
            -rw-r--r--   1 root     root            2 Dec  6 18:09 a -> b
            -rw-r--r--   1 root     root     5000000000 Dec  6 18:09 big.iso
            drwxr-xr-x   2 root     root         4096 Dec  6 18:09 dir
            -rw-r--r--   1 root     root            2 Mar  1 10:00 future.txt
            -rw-r--r--   1 root     root            2 Feb 29  2024 leap.txt
            lrwxrwxrwx   1 root     root            9 Dec  6 18:09 link -> plain.txt
            -rw-r--r--   1 root     root            2 Dec  6 18:09 name with  spaces.txt
            -rw-r--r--   1 1234     5678            4 Apr 27  2001 old.txt
            prw-r--r--   1 root     root            0 Dec  6 18:09 pipe
            -rw-r--r--   1 root     root            6 Dec  6 18:09 plain.txt
            -rwsr-xr-x   1 root     root            2 Dec  6 18:09 setuid
            lrwxrwxrwx   1 root     root           21 Dec  6 18:09 spaced link -> name with  spaces.txt
            drwxrwxrwt   2 root     root         4096 Dec  6 18:09 sticky
            -rw-r--r--   1 root     root            2 Dec  6 18:09 \u00fcn\u00efcode;semi.txt
            """;

    /** pure-ftpd 1.0.50, {@code LIST}: wide columns, no FIFO. */
    static final String PURE_FTPD = """
            -rw-r--r--    1 0          0                   2 Dec  6 18:09  leading
            -rw-r--r--    1 0          0                   2 Dec  6 18:09 a -> b
            -rw-r--r--    1 0          0          5000000000 Dec  6 18:09 big.iso
            drwxr-xr-x    2 0          0                4096 Dec  6 18:09 dir
            -rw-r--r--    1 0          0                   2 Mar  1 10:00 future.txt
            -rw-r--r--    1 0          0                   2 Feb 29  2024 leap.txt
            lrwxrwxrwx    1 0          0                   9 Dec  6 18:09 link -> plain.txt
            -rw-r--r--    1 0          0                   2 Dec  6 18:09 name with  spaces.txt
            -rw-r--r--    1 1234       5678                4 Apr 27  2001 old.txt
            -rw-r--r--    1 0          0                   6 Dec  6 18:09 plain.txt
            -rwsr-xr-x    1 0          0                   2 Dec  6 18:09 setuid
            lrwxrwxrwx    1 0          0                  21 Dec  6 18:09 spaced link -> name with  spaces.txt
            drwxrwxrwt    2 0          0                4096 Dec  6 18:09 sticky
            -rw-r--r--    1 0          0                   2 Dec  6 18:09 \u00fcn\u00efcode;semi.txt
            """;

    /** busybox 1.35 {@code ls -la}, which busybox ftpd's LIST runs: a {@code total} line first. */
    static final String BUSYBOX = """
            total 52
            -rw-r--r--    1 root     root             2 Dec  6 18:09  leading
            drwxr-xr-x    4 root     root          4096 Dec  6 18:09 .
            drwxr-xr-x    6 root     root          4096 Dec  6 18:09 ..
            -rw-r--r--    1 root     root             2 Dec  6 18:09 a -> b
            -rw-r--r--    1 root     root     5000000000 Dec  6 18:09 big.iso
            drwxr-xr-x    2 root     root          4096 Dec  6 18:09 dir
            -rw-r--r--    1 root     root             2 Mar  1  2027 future.txt
            -rw-r--r--    1 root     root             2 Feb 29  2024 leap.txt
            lrwxrwxrwx    1 root     root             9 Dec  6 18:09 link -> plain.txt
            -rw-r--r--    1 root     root             2 Dec  6 18:09 name with  spaces.txt
            -rw-r--r--    1 1234     5678             4 Apr 27  2001 old.txt
            prw-r--r--    1 root     root             0 Dec  6 18:09 pipe
            -rw-r--r--    1 root     root             6 Dec  6 18:09 plain.txt
            -rwsr-xr-x    1 root     root             2 Dec  6 18:09 setuid
            lrwxrwxrwx    1 root     root            21 Dec  6 18:09 spaced link -> name with  spaces.txt
            drwxrwxrwt    2 root     root          4096 Dec  6 18:09 sticky
            -rw-r--r--    1 root     root             2 Dec  6 18:09 \u00fcn\u00efcode;semi.txt
            """;

    /** proftpd 1.3.8, {@code MLSD}: links as {@code OS.unix=symlink} without their target. */
    static final String PROFTPD_MLSD = """
            modify=20261206180905;perm=adfr;size=2;type=file;unique=FE00U20C224;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; \u00fcn\u00efcode;semi.txt
            modify=20261206180905;perm=adfr;size=0;type=file;unique=FE00U20C21A;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; pipe
            modify=20261206180905;perm=fle;type=cdir;unique=FE00U20C1D8;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; .
            modify=20261206180905;perm=fle;type=dir;unique=FE00U20C210;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; dir
            modify=20261206180905;perm=adfr;size=5000000000;type=file;unique=FE00U20C21B;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; big.iso
            modify=20261206180905;perm=adfr;size=21;type=OS.unix=symlink;unique=FE00U20C20B;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0777;UNIX.owner=0;UNIX.ownername=ftp; spaced link
            modify=20261206180905;perm=adfr;size=2;type=file;unique=FE00U20C21D;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=04755;UNIX.owner=0;UNIX.ownername=ftp; setuid
            modify=20261206180905;perm=adfr;size=9;type=OS.unix=symlink;unique=FE00U20C207;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0777;UNIX.owner=0;UNIX.ownername=ftp; link
            modify=20261206180905;perm=adfr;size=2;type=file;unique=FE00U20C20B;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; name with  spaces.txt
            modify=20261206180905;perm=fle;type=pdir;unique=FE00U20C1D8;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0755;UNIX.owner=0;UNIX.ownername=ftp; ..
            modify=20261206180905;perm=flcdmpe;type=dir;unique=FE00U20C215;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=01777;UNIX.owner=0;UNIX.ownername=ftp; sticky
            modify=20261206180905;perm=adfr;size=2;type=file;unique=FE00U20C20D;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; a -> b
            modify=20010427100000;perm=adfr;size=4;type=file;unique=FE00U20C21E;UNIX.group=5678;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=1234;UNIX.ownername=ftp; old.txt
            modify=20261206180905;perm=adfr;size=2;type=file;unique=FE00U20C227;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp;  leading
            modify=20261206180905;perm=adfr;size=6;type=file;unique=FE00U20C207;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; plain.txt
            modify=20240229081500;perm=adfr;size=2;type=file;unique=FE00U20C220;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; leap.txt
            modify=20270301100000;perm=adfr;size=2;type=file;unique=FE00U20C21F;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;UNIX.ownername=ftp; future.txt
            """;

    /** pure-ftpd 1.0.50, {@code MLSD}: {@code sizd} for folders, the link target (with its spaces) in the type. */
    static final String PURE_FTPD_MLSD = """
            type=file;size=2;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c224; \u00fcn\u00efcode;semi.txt
            type=unknown;size=0;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c21a; pipe
            type=cdir;sizd=4096;modify=20261206180905;UNIX.mode=0755;unique=fe00g20c1d8; .
            type=dir;sizd=4096;modify=20261206180905;UNIX.mode=0755;unique=fe00g20c210; dir
            type=file;size=5000000000;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c21b; big.iso
            type=OS.unix=slink:name with  spaces.txt;size=21;modify=20261206180905;UNIX.mode=0777;unique=fe00g20c20f; spaced link
            type=file;size=2;modify=20261206180905;UNIX.mode=04755;unique=fe00g20c21d; setuid
            type=OS.unix=slink:plain.txt;size=9;modify=20261206180905;UNIX.mode=0777;unique=fe00g20c20e; link
            type=file;size=2;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c20b; name with  spaces.txt
            type=pdir;sizd=4096;modify=20261206180905;UNIX.mode=0755;unique=fe00g20c1d8; ..
            type=dir;sizd=4096;modify=20261206180905;UNIX.mode=01777;unique=fe00g20c215; sticky
            type=file;size=2;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c20d; a -> b
            type=file;size=4;modify=20010427100000;UNIX.mode=0644;unique=fe00g20c21e; old.txt
            type=file;size=2;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c227;  leading
            type=file;size=6;modify=20261206180905;UNIX.mode=0644;unique=fe00g20c207; plain.txt
            type=file;size=2;modify=20240229081500;UNIX.mode=0644;unique=fe00g20c220; leap.txt
            type=file;size=2;modify=20270301100000;UNIX.mode=0644;unique=fe00g20c21f; future.txt
            """;

    static Stream<Arguments> unixListings() {
        return Stream.of(Arguments.of("vsftpd", VSFTPD), Arguments.of("proftpd", PROFTPD),
                Arguments.of("pure-ftpd", PURE_FTPD), Arguments.of("busybox", BUSYBOX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unixListings")
    void listEqualsTheFolder(String server, String listing) {
        List<String> lines = listing.lines().toList();
        List<FtpEntry> all = UNIX.parseAll(lines);
        assertEquals(lines.size() - (lines.getFirst().startsWith("total") ? 1 : 0), all.size(),
                server + ": every line but total is an entry");
        Map<String, FtpEntry> byName = new HashMap<>();
        for (FtpEntry e : all) {
            if (!e.isCurrentOrParent()) {
                assertEquals(null, byName.put(e.name(), e), server + ": " + e.name() + " twice");
            }
        }
        Set<String> expected = new TreeSet<>(MADE.keySet());
        if (server.equals("pure-ftpd")) {
            expected.remove("pipe"); // pure-ftpd leaves FIFOs out of its listings
        }
        assertEquals(expected, new TreeSet<>(byName.keySet()), server);
        for (String name : expected) {
            FtpEntry e = byName.get(name);
            Made m = MADE.get(name);
            assertEquals(m.kind(), e.kind(), server + " " + name);
            assertEquals(OptionalLong.of(m.size()), e.size(), server + " " + name);
            assertEquals(Optional.ofNullable(m.target()), e.linkTarget(), server + " " + name);
            assertEquals(Optional.of(m.mode()), e.fact("unix.mode"), server + " " + name);
            assertTrue(e.modified().isPresent(), server + " " + name);
        }
        FtpEntry old = byName.get("old.txt");
        assertEquals(Optional.of("1234"), old.fact("unix.owner"), server);
        assertEquals(Optional.of("5678"), old.fact("unix.group"), server);
        assertEquals(FtpTimestamp.of(Instant.parse("2001-04-27T00:00:00Z"), ChronoUnit.DAYS), old.modified().get());
        assertEquals(FtpTimestamp.of(Instant.parse("2024-02-29T00:00:00Z"), ChronoUnit.DAYS),
                byName.get("leap.txt").modified().get());
        assertEquals(new FtpTimestamp(Instant.parse("2026-12-06T18:09:00Z"), ChronoUnit.MINUTES, true),
                byName.get("plain.txt").modified().get(), server);
    }

    @Test
    void aFutureDateWithItsYearIsExact() {
        FtpEntry vsftpd = UNIX.parse("-rw-r--r--    1 0        0               2 Mar 01  2027 future.txt").get();
        assertEquals(FtpTimestamp.of(Instant.parse("2027-03-01T00:00:00Z"), ChronoUnit.DAYS), vsftpd.modified().get());
    }

    @Test
    void aFutureDateWithoutItsYearFallsInThePastYear() {
        // proftpd and pure-ftpd print "Mar  1 10:00" for 2027-03-01, three months ahead: ls's rule
        // (a year only beyond six months) is not what they follow, and nothing in the line says
        // which year. The rule is the most recent such date at most a day ahead, so 2026, and the
        // timestamp says its year was inferred.
        FtpEntry proftpd = UNIX.parse("-rw-r--r--   1 root     root            2 Mar  1 10:00 future.txt").get();
        assertEquals(new FtpTimestamp(Instant.parse("2026-03-01T10:00:00Z"), ChronoUnit.MINUTES, true),
                proftpd.modified().get());
    }

    static Stream<Arguments> mlsdListings() {
        return Stream.of(Arguments.of("proftpd", PROFTPD_MLSD), Arguments.of("pure-ftpd", PURE_FTPD_MLSD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mlsdListings")
    void mlsdEqualsTheFolder(String server, String listing) {
        List<FtpEntry> all = ListingFormat.mlsx().parseAll(listing.lines().toList());
        assertEquals(listing.lines().count(), all.size(), server);
        Map<String, FtpEntry> byName = new HashMap<>();
        int skipped = 0;
        for (FtpEntry e : all) {
            if (e.isCurrentOrParent()) {
                skipped++;
                assertEquals(Kind.DIRECTORY, e.kind(), server + " " + e.name());
            } else {
                byName.put(e.name(), e);
            }
        }
        assertEquals(2, skipped, server + ": cdir and pdir");
        assertEquals(new TreeSet<>(MADE.keySet()), new TreeSet<>(byName.keySet()), server);
        for (Map.Entry<String, Made> made : MADE.entrySet()) {
            FtpEntry e = byName.get(made.getKey());
            Made m = made.getValue();
            String what = server + " " + made.getKey();
            if (made.getKey().equals("pipe") && server.equals("proftpd")) {
                assertEquals(Kind.FILE, e.kind(), what); // proftpd calls a FIFO type=file
            } else {
                assertEquals(m.kind(), e.kind(), what);
            }
            if (m.kind() == Kind.SYMBOLIC_LINK && server.equals("proftpd")) {
                assertEquals(Optional.empty(), e.linkTarget(), what); // proftpd does not say
            } else {
                assertEquals(Optional.ofNullable(m.target()), e.linkTarget(), what);
            }
            if (m.kind() == Kind.DIRECTORY && server.equals("proftpd")) {
                assertEquals(OptionalLong.empty(), e.size(), what);
            } else {
                assertEquals(OptionalLong.of(m.size()), e.size(), what);
            }
            assertEquals(Integer.parseInt(m.mode(), 8), Integer.parseInt(e.fact("UNIX.mode").get(), 8), what);
            assertEquals(ChronoUnit.SECONDS, e.modified().get().precision(), what);
            assertFalse(e.modified().get().yearInferred(), what);
        }
        assertEquals(Instant.parse("2026-12-06T18:09:05Z"), byName.get("plain.txt").modified().get().instant());
        assertEquals(Instant.parse("2024-02-29T08:15:00Z"), byName.get("leap.txt").modified().get().instant());
        assertEquals(Instant.parse("2027-03-01T10:00:00Z"), byName.get("future.txt").modified().get().instant());
        assertEquals(Instant.parse("2001-04-27T10:00:00Z"), byName.get("old.txt").modified().get().instant());
    }

    @Test
    void mlstLinesAfterTheirLeadingSpace() {
        // The 250- reply's entry line, as proftpd and pure-ftpd sent it, without the one space
        // that RFC 3659 7.2 puts before it on the control connection.
        FtpEntry proftpd = ListingFormat.mlsx().parse("modify=20261206180905;perm=adfr;size=6;type=file;"
                + "unique=FE00U20C207;UNIX.group=0;UNIX.groupname=ftp;UNIX.mode=0644;UNIX.owner=0;"
                + "UNIX.ownername=ftp; /plain.txt").get();
        assertEquals("/plain.txt", proftpd.name());
        assertEquals(OptionalLong.of(6), proftpd.size());
        assertEquals(Optional.of("adfr"), proftpd.fact("perm"));
        assertEquals(Optional.of("ftp"), proftpd.fact("unix.ownername"));
        FtpEntry pure = ListingFormat.mlsx().parse(
                "type=OS.unix=slink:plain.txt;size=9;modify=20261206180905;UNIX.mode=0777;unique=fe00g20c20e; /link").get();
        assertEquals("/link", pure.name());
        assertEquals(Kind.SYMBOLIC_LINK, pure.kind());
        assertEquals(Optional.of("plain.txt"), pure.linkTarget());
    }

    @Test
    void theirSystReplies() {
        // All three said "215 UNIX Type: L8".
        assertEquals("ListingFormat.unix(Z)", ListingFormat.fromSystem("215 UNIX Type: L8", ListingOptions.defaults()).toString());
    }
}
