package org.sockets.ftp;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to read the dates of LIST lines, as Commons Net's {@code FTPClientConfig} does: the zone the
 * server writes its local times in, the clock that infers the year a Unix line leaves out, and the
 * month abbreviations it uses.
 *
 * <p>MLSx times are always UTC and are not affected. The defaults: the server's zone UTC (servers
 * rarely say theirs; set it when known), the system clock, English month names.
 *
 * {@snippet :
 * ListingFormat format = ListingFormat.unix(ListingOptions.defaults()
 *         .withServerZone(ZoneId.of("Europe/Berlin"))
 *         .withMonthNames(List.of("Jan", "Feb", "Mär", "Apr", "Mai", "Jun",
 *                                 "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")));
 * }
 *
 * @param serverZone the zone of the server's local times (Unix and Windows LIST lines)
 * @param clock      what "now" is when a Unix {@code Mmm dd hh:mm} date gets its year: the most
 *                   recent such date at most one day after the clock's instant
 * @param monthNames twelve month abbreviations, January first, matched ignoring case
 */
public record ListingOptions(ZoneId serverZone, Clock clock, List<String> monthNames) {

    private static final List<String> ENGLISH = List.of(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    /** Checks the parts and copies the month names. */
    public ListingOptions {
        Objects.requireNonNull(serverZone, "serverZone");
        Objects.requireNonNull(clock, "clock");
        monthNames = List.copyOf(monthNames);
        if (monthNames.size() != 12) {
            throw new IllegalArgumentException("twelve month names, not " + monthNames.size() + ": " + monthNames);
        }
        for (int i = 0; i < 12; i++) {
            String m = monthNames.get(i);
            if (m.isEmpty() || m.chars().anyMatch(Character::isWhitespace) || m.chars().anyMatch(Character::isDigit)) {
                throw new IllegalArgumentException("a month name is one word without digits: \"" + m + "\"");
            }
            for (int j = 0; j < i; j++) {
                if (monthNames.get(j).equalsIgnoreCase(m)) {
                    throw new IllegalArgumentException("month name given twice: " + m);
                }
            }
        }
    }

    /**
     * The defaults: UTC server times, the system clock, English month names.
     *
     * @return the default options
     */
    public static ListingOptions defaults() {
        return new ListingOptions(ZoneOffset.UTC, Clock.systemUTC(), ENGLISH);
    }

    /**
     * These options with another server time zone.
     *
     * @param zone the zone the server's LIST times are in
     * @return the new options
     */
    public ListingOptions withServerZone(ZoneId zone) {
        return new ListingOptions(zone, clock, monthNames);
    }

    /**
     * These options with another clock (a fixed one makes year inference reproducible).
     *
     * @param now the clock
     * @return the new options
     */
    public ListingOptions withClock(Clock now) {
        return new ListingOptions(serverZone, now, monthNames);
    }

    /**
     * These options with other month abbreviations.
     *
     * @param names twelve abbreviations, January first
     * @return the new options
     */
    public ListingOptions withMonthNames(List<String> names) {
        return new ListingOptions(serverZone, clock, names);
    }

    /**
     * These options with the month abbreviations of a locale, as the JDK's short standalone names
     * without a trailing dot (for French {@code janv}, {@code févr} …). Servers' {@code ls} does not
     * always agree with the JDK's locale data; {@link #withMonthNames(List)} sets them exactly.
     *
     * @param locale the locale
     * @return the new options
     */
    public ListingOptions withMonthNames(Locale locale) {
        List<String> names = new ArrayList<>(12);
        for (Month m : Month.values()) {
            String name = m.getDisplayName(TextStyle.SHORT_STANDALONE, locale);
            names.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        }
        return withMonthNames(names);
    }
}
