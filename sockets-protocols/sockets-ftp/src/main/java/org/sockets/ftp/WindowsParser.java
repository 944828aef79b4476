package org.sockets.ftp;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Windows LIST lines, as IIS writes them in its "MS-DOS" style:
 * {@code MM-dd-yy  hh:mmAM       <DIR>          name} and
 * {@code MM-dd-yy  hh:mmPM              1070 name}; also four-digit years and 24-hour times.
 * The name starts after the blanks that follow {@code <DIR>} or the size.
 */
final class WindowsParser implements ListingFormat {

    private final ListingOptions options;

    WindowsParser(ListingOptions options) {
        this.options = options;
    }

    @Override
    public Optional<FtpEntry> parse(String line) {
        if (!ListingText.readable(line) || !ListingText.isDigit(line.charAt(0))) {
            return Optional.empty();
        }
        // Date: MM-dd-yy or MM-dd-yyyy ('/' as well, as some servers write it).
        int dateEnd = ListingText.skipWord(line, 0);
        if ((dateEnd != 8 && dateEnd != 10) || line.charAt(2) != line.charAt(5)
                || (line.charAt(2) != '-' && line.charAt(2) != '/')) {
            return Optional.empty();
        }
        int month = ListingText.smallNumber(line, 0, 2);
        int day = ListingText.smallNumber(line, 3, 5);
        int year = ListingText.smallNumber(line, 6, dateEnd);
        if (month < 0 || day < 0 || year < 0) {
            return Optional.empty();
        }
        if (dateEnd == 8) {
            year = fullYear(year);
        }
        // Time: hh:mm with AM/PM right after it (or after one blank), or a 24-hour hh:mm.
        int timeStart = ListingText.skipBlanks(line, dateEnd);
        int timeEnd = ListingText.skipWord(line, timeStart);
        if (timeStart == dateEnd || timeEnd - timeStart < 4) {
            return Optional.empty();
        }
        int minutes;
        int next;
        String half = timeEnd - timeStart >= 6 ? line.substring(timeEnd - 2, timeEnd) : "";
        if (half.equalsIgnoreCase("AM") || half.equalsIgnoreCase("PM")) {
            minutes = twelveHour(line, timeStart, timeEnd - 2, half);
            next = timeEnd;
        } else {
            minutes = ListingText.clockTime(line, timeStart, timeEnd);
            next = timeEnd;
            int after = ListingText.skipBlanks(line, timeEnd);
            int afterEnd = ListingText.skipWord(line, after);
            String word = line.substring(after, afterEnd);
            if (word.equalsIgnoreCase("AM") || word.equalsIgnoreCase("PM")) {
                minutes = twelveHour(line, timeStart, timeEnd, word);
                next = afterEnd;
            }
        }
        if (minutes < 0) {
            return Optional.empty();
        }
        // <DIR> or the size.
        int sizeStart = ListingText.skipBlanks(line, next);
        int sizeEnd = ListingText.skipWord(line, sizeStart);
        if (sizeStart == next || sizeEnd >= line.length()) {
            return Optional.empty();
        }
        FtpEntry.Kind kind;
        OptionalLong size;
        if (line.startsWith("<DIR>", sizeStart) && sizeEnd - sizeStart == 5) {
            kind = FtpEntry.Kind.DIRECTORY;
            size = OptionalLong.empty();
        } else {
            long n = ListingText.number(line, sizeStart, sizeEnd);
            if (n < 0) {
                return Optional.empty();
            }
            kind = FtpEntry.Kind.FILE;
            size = OptionalLong.of(n);
        }
        int nameStart = ListingText.skipBlanks(line, sizeEnd);
        if (nameStart >= line.length()) {
            return Optional.empty();
        }
        Optional<FtpTimestamp> time;
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, minutes / 60, minutes % 60);
            time = Optional.of(FtpTimestamp.of(t.atZone(options.serverZone()).toInstant(), ChronoUnit.MINUTES));
        } catch (DateTimeException invalidDate) {
            time = Optional.empty();
        }
        return Optional.of(new FtpEntry(line.substring(nameStart), kind, size, time, Optional.empty(), Map.of(), line));
    }

    /** {@code hh:mm} of a 12-hour clock as minutes of the day, or -1. */
    private static int twelveHour(String s, int from, int to, String half) {
        int minutes = ListingText.clockTime(s, from, to);
        int hour = minutes / 60;
        if (minutes < 0 || hour < 1 || hour > 12) {
            return -1;
        }
        hour %= 12;
        if (half.equalsIgnoreCase("PM")) {
            hour += 12;
        }
        return hour * 60 + minutes % 60;
    }

    /** A two-digit year placed within 80 years before and 20 after the clock's year. */
    private int fullYear(int yy) {
        int now;
        try {
            now = options.clock().instant().atZone(options.serverZone()).getYear();
        } catch (DateTimeException clockAtTheEndOfTime) {
            now = 2000;
        }
        int year = Math.floorDiv(now, 100) * 100 + yy;
        if (year > now + 20) {
            year -= 100;
        } else if (year <= now - 80) {
            year += 100;
        }
        return year;
    }

    @Override
    public String toString() {
        return "ListingFormat.windows(" + options.serverZone() + ")";
    }
}
