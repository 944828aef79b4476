package org.sockets.ftp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Unix {@code ls -l} lines: a type letter and nine permission letters (an ACL {@code +}, SELinux
 * {@code .} or xattr {@code @} after them), an optional link count, the owner and the group (the
 * group column may be missing, and Windows-hosted servers write names with spaces), the size (or
 * {@code major, minor} for devices), the date, then after exactly one blank the name.
 *
 * <p>The date is the anchor: the first month name (or {@code yyyy-mm-dd}) that follows a number
 * and is followed by a day and a time or a year. It is searched for among the first
 * {@value #MAX_HEAD_WORDS} words only, so the name (which may itself hold dates) is never scanned.
 */
final class UnixParser implements ListingFormat {

    /** Enough for a link count, a two-word owner, a three-word group, {@code major, minor} and a date. */
    static final int MAX_HEAD_WORDS = 14;

    private final ListingOptions options;

    UnixParser(ListingOptions options) {
        this.options = options;
    }

    @Override
    public Optional<FtpEntry> parse(String line) {
        if (!ListingText.readable(line) || line.length() < 11 || !permissions(line)) {
            return Optional.empty();
        }
        int[] from = new int[MAX_HEAD_WORDS];
        int[] to = new int[MAX_HEAD_WORDS];
        int words = 0;
        int afterMode = ListingText.isBlank(line.charAt(10)) ? 10 : 11;
        int i = ListingText.skipBlanks(line, afterMode);
        if (i == afterMode) {
            return Optional.empty();
        }
        while (words < MAX_HEAD_WORDS && i < line.length()) {
            from[words] = i;
            to[words] = i = ListingText.skipWord(line, i);
            words++;
            i = ListingText.skipBlanks(line, i);
        }
        for (int m = 1; m < words - 1; m++) {
            Optional<FtpEntry> entry = tryDateAt(line, from, to, words, m);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    private static boolean permissions(String line) {
        if ("-dlcbpsDfn?".indexOf(line.charAt(0)) < 0) {
            return false;
        }
        for (int i = 1; i < 10; i++) {
            if ("-rwxsStTlL".indexOf(line.charAt(i)) < 0) {
                return false;
            }
        }
        char after = line.charAt(10);
        return ListingText.isBlank(after) || after == '+' || after == '.' || after == '@';
    }

    /** The entry when word {@code m} starts the date, else empty. */
    private Optional<FtpEntry> tryDateAt(String line, int[] from, int[] to, int words, int m) {
        int month = month(line, from[m], to[m]);
        int nameAt;
        Optional<FtpTimestamp> time;
        if (month > 0) {
            if (m + 2 >= words) {
                return Optional.empty();
            }
            int day = ListingText.smallNumber(line, from[m + 1], to[m + 1]);
            if (to[m + 1] - from[m + 1] > 2 || day < 1 || day > 31) {
                return Optional.empty();
            }
            int minutes = ListingText.clockTime(line, from[m + 2], to[m + 2]);
            int year = to[m + 2] - from[m + 2] == 4 ? ListingText.smallNumber(line, from[m + 2], to[m + 2]) : -1;
            if (minutes < 0 && year < 0) {
                return Optional.empty();
            }
            time = minutes >= 0 ? recent(month, day, minutes) : dated(year, month, day);
            nameAt = to[m + 2] + 1;
        } else if (m + 1 < words && isoDate(line, from[m], to[m])
                && ListingText.clockTime(line, from[m + 1], to[m + 1]) >= 0) {
            time = iso(line, from[m], ListingText.clockTime(line, from[m + 1], to[m + 1]));
            nameAt = to[m + 1] + 1;
        } else {
            return Optional.empty();
        }
        if (nameAt >= line.length()) {
            return Optional.empty();
        }
        return head(line, from, to, m).flatMap(head -> entry(line, head, time, nameAt));
    }

    /** What precedes the date: link count, owner, group and size, or empty when word m-1 is no size. */
    private record Head(OptionalLong size, String owner, String group) {
    }

    private static Optional<Head> head(String line, int[] from, int[] to, int m) {
        int s = m - 1;
        OptionalLong size;
        long n = ListingText.number(line, from[s], to[s]);
        int ownerEnd;
        if (n >= 0) {
            if (s >= 1 && to[s - 1] - from[s - 1] >= 2 && line.charAt(to[s - 1] - 1) == ','
                    && ListingText.digits(line, from[s - 1], to[s - 1] - 1)) {
                // A device's "major, minor" stands where the size would.
                size = OptionalLong.empty();
                ownerEnd = s - 1;
            } else {
                size = OptionalLong.of(n);
                ownerEnd = s;
            }
        } else {
            int comma = line.indexOf(',', from[s]);
            if (comma < 0 || comma >= to[s] || !ListingText.digits(line, from[s], comma)
                    || !ListingText.digits(line, comma + 1, to[s])) {
                return Optional.empty();
            }
            size = OptionalLong.empty();
            ownerEnd = s;
        }
        int first = 0;
        if (ownerEnd >= 2 && ListingText.digits(line, from[0], to[0])) {
            first = 1; // the link count
        }
        String owner = first < ownerEnd ? line.substring(from[first], to[first]) : null;
        String group = first + 1 < ownerEnd ? line.substring(from[first + 1], to[ownerEnd - 1]) : null;
        return Optional.of(new Head(size, owner, group));
    }

    private Optional<FtpEntry> entry(String line, Head head, Optional<FtpTimestamp> time, int nameAt) {
        String name = line.substring(nameAt);
        Optional<String> target = Optional.empty();
        FtpEntry.Kind kind = switch (line.charAt(0)) {
            case '-', 'f' -> FtpEntry.Kind.FILE;
            case 'd' -> FtpEntry.Kind.DIRECTORY;
            case 'l' -> FtpEntry.Kind.SYMBOLIC_LINK;
            default -> FtpEntry.Kind.OTHER;
        };
        if (kind == FtpEntry.Kind.SYMBOLIC_LINK) {
            // The first " -> " splits: a link's name with " -> " in it is ambiguous in ls -l output.
            // Neither a name nor a link's target is ever empty, so an arrow at either end is kept.
            int arrow = name.indexOf(" -> ");
            if (arrow > 0 && arrow + 4 < name.length()) {
                target = Optional.of(name.substring(arrow + 4));
                name = name.substring(0, arrow);
            }
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> facts = new HashMap<>();
        facts.put("unix.mode", mode(line));
        if (head.owner() != null) {
            facts.put("unix.owner", head.owner());
        }
        if (head.group() != null) {
            facts.put("unix.group", head.group());
        }
        return Optional.of(new FtpEntry(name, kind, head.size(), time, target, facts, line));
    }

    /** The permission letters as four octal digits, set-id and sticky bits included. */
    static String mode(String line) {
        int mode = 0;
        for (int who = 0; who < 3; who++) {
            int shift = 6 - 3 * who;
            char r = line.charAt(1 + 3 * who);
            char w = line.charAt(2 + 3 * who);
            char x = line.charAt(3 + 3 * who);
            if (r == 'r') {
                mode |= 4 << shift;
            }
            if (w == 'w') {
                mode |= 2 << shift;
            }
            if (x == 'x' || x == 's' || x == 't') {
                mode |= 1 << shift;
            }
            // s/S: set-uid or set-gid; t/T: sticky; l/L: mandatory locking, which is set-gid
            // without group execute.
            boolean special = switch (who) {
                case 0 -> x == 's' || x == 'S';
                case 1 -> x == 's' || x == 'S' || x == 'l' || x == 'L';
                default -> x == 't' || x == 'T';
            };
            if (special) {
                mode |= 04000 >> who;
            }
        }
        return String.format("%04o", mode);
    }

    /** The month (1-12) named by {@code s[from, to)}, or 0. */
    private int month(String s, int from, int to) {
        for (int i = 0; i < 12; i++) {
            String name = options.monthNames().get(i);
            if (name.length() == to - from && s.regionMatches(true, from, name, 0, name.length())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** A {@code Mmm dd hh:mm} date: the most recent one at most a day after the clock's now. */
    private Optional<FtpTimestamp> recent(int month, int day, int minutes) {
        try {
            Instant limit = options.clock().instant().plus(1, ChronoUnit.DAYS);
            int year = limit.atZone(options.serverZone()).getYear();
            // Eight years back always reaches a leap year, for Feb 29.
            for (int k = 0; k <= 8; k++, year--) {
                if (day > YearMonth.of(year, month).lengthOfMonth()) {
                    continue;
                }
                ZonedDateTime t = LocalDateTime.of(year, month, day, minutes / 60, minutes % 60)
                        .atZone(options.serverZone());
                if (!t.toInstant().isAfter(limit)) {
                    return Optional.of(new FtpTimestamp(t.toInstant(), ChronoUnit.MINUTES, true));
                }
            }
        } catch (DateTimeException | ArithmeticException clockAtTheEndOfTime) {
            // A clock near Instant.MAX or MIN: no year to give.
        }
        return Optional.empty();
    }

    /** A {@code Mmm dd yyyy} date: midnight in the server's zone. */
    private Optional<FtpTimestamp> dated(int year, int month, int day) {
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return Optional.empty();
        }
        Instant t = LocalDate.of(year, month, day).atStartOfDay(options.serverZone()).toInstant();
        return Optional.of(FtpTimestamp.of(t, ChronoUnit.DAYS));
    }

    private static boolean isoDate(String s, int from, int to) {
        return to - from == 10 && s.charAt(from + 4) == '-' && s.charAt(from + 7) == '-'
                && ListingText.digits(s, from, from + 4) && ListingText.digits(s, from + 5, from + 7)
                && ListingText.digits(s, from + 8, to);
    }

    /** A {@code yyyy-mm-dd hh:mm} date (ls --time-style=long-iso). */
    private Optional<FtpTimestamp> iso(String s, int from, int minutes) {
        try {
            LocalDateTime t = LocalDateTime.of(ListingText.smallNumber(s, from, from + 4),
                    ListingText.smallNumber(s, from + 5, from + 7), ListingText.smallNumber(s, from + 8, from + 10),
                    minutes / 60, minutes % 60);
            return Optional.of(FtpTimestamp.of(t.atZone(options.serverZone()).toInstant(), ChronoUnit.MINUTES));
        } catch (DateTimeException invalidDate) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ListingFormat.unix(" + options.serverZone() + ")";
    }
}
