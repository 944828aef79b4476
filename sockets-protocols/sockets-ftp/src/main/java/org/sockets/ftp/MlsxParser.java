package org.sockets.ftp;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * MLSD / MLST entries (RFC 3659 section 7): {@code entry = [ facts ] SP pathname},
 * {@code facts = 1*( fact ";" )}, {@code fact = factname "=" value}.
 *
 * <p>Fact values may not hold {@code ;} and the facts end with {@code ;}, so the first
 * {@code "; "} ends them even when a server puts a space inside a value; the name is everything
 * after, spaces and semicolons included.
 */
final class MlsxParser implements ListingFormat {

    static final MlsxParser INSTANCE = new MlsxParser();

    private MlsxParser() {
    }

    @Override
    public Optional<FtpEntry> parse(String line) {
        if (!ListingText.readable(line)) {
            return Optional.empty();
        }
        int nameStart;
        Map<String, String> facts = new HashMap<>();
        if (line.charAt(0) == ' ') {
            nameStart = 1;
        } else {
            int end = line.indexOf("; ");
            if (end < 0 || !readFacts(line, end, facts)) {
                return Optional.empty();
            }
            nameStart = end + 2;
        }
        if (nameStart >= line.length()) {
            return Optional.empty();
        }
        String name = line.substring(nameStart);
        String type = facts.getOrDefault("type", "");
        String lowerType = type.toLowerCase(Locale.ROOT);
        FtpEntry.Kind kind;
        Optional<String> target = Optional.empty();
        switch (lowerType) {
            case "file" -> kind = FtpEntry.Kind.FILE;
            case "dir", "cdir", "pdir" -> kind = FtpEntry.Kind.DIRECTORY;
            default -> {
                // proftpd and pure-ftpd: OS.unix=slink:/target, OS.unix=symlink; RFC 3659 7.5.1
                // registers neither, so only these spellings are known.
                if (lowerType.startsWith("os.unix=slink") || lowerType.startsWith("os.unix=symlink")) {
                    kind = FtpEntry.Kind.SYMBOLIC_LINK;
                    int colon = type.indexOf(':');
                    if (colon >= 0 && colon + 1 < type.length()) {
                        target = Optional.of(type.substring(colon + 1));
                    }
                } else {
                    kind = FtpEntry.Kind.OTHER;
                }
            }
        }
        return Optional.of(new FtpEntry(name, kind, size(facts), timeVal(facts.get("modify")), target, facts, line));
    }

    /** Reads {@code line[0, end]} (the last fact's {@code ;} at {@code end}) into facts; false when malformed. */
    private static boolean readFacts(String line, int end, Map<String, String> facts) {
        int start = 0;
        while (start <= end) {
            int semi = line.indexOf(';', start);
            int eq = line.indexOf('=', start);
            if (eq < 0 || eq >= semi || eq == start) {
                return false;
            }
            String name = line.substring(start, eq).toLowerCase(Locale.ROOT);
            // The first of a repeated fact counts; a server that repeats one is confused anyway.
            facts.putIfAbsent(name, line.substring(eq + 1, semi));
            start = semi + 1;
        }
        return true;
    }

    private static OptionalLong size(Map<String, String> facts) {
        String size = facts.get("size");
        if (size == null) {
            // Some servers give a directory's size as "sizd".
            size = facts.get("sizd");
        }
        if (size == null) {
            return OptionalLong.empty();
        }
        long n = ListingText.number(size, 0, size.length());
        return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /**
     * An RFC 3659 time-val, {@code YYYYMMDDHHMMSS[.F+]} in UTC (section 2.3): the {@code modify}
     * fact, and the MDTM reply's text.
     */
    static Optional<FtpTimestamp> timeVal(String value) {
        if (value == null || value.length() < 14 || !ListingText.digits(value, 0, 14)) {
            return Optional.empty();
        }
        int nanos = 0;
        ChronoUnit precision = ChronoUnit.SECONDS;
        if (value.length() > 14) {
            if (value.charAt(14) != '.' || !ListingText.digits(value, 15, value.length())) {
                return Optional.empty();
            }
            int digits = value.length() - 15;
            int used = Math.min(digits, 9);
            nanos = ListingText.smallNumber(value, 15, 15 + used);
            for (int i = used; i < 9; i++) {
                nanos *= 10;
            }
            precision = digits <= 3 ? ChronoUnit.MILLIS : digits <= 6 ? ChronoUnit.MICROS : ChronoUnit.NANOS;
        }
        int second = ListingText.smallNumber(value, 12, 14);
        // A leap second (the RFC allows 60) is kept as the last instant of its minute's 59th second.
        if (second == 60) {
            second = 59;
            nanos = 999_999_999;
        }
        try {
            LocalDateTime time = LocalDateTime.of(ListingText.smallNumber(value, 0, 4),
                    ListingText.smallNumber(value, 4, 6), ListingText.smallNumber(value, 6, 8),
                    ListingText.smallNumber(value, 8, 10), ListingText.smallNumber(value, 10, 12), second, nanos);
            return Optional.of(FtpTimestamp.of(time.toInstant(ZoneOffset.UTC), precision));
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ListingFormat.mlsx";
    }
}
