package org.sockets.ftp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A way to read the lines of a directory listing into {@link FtpEntry} values: MLSD / MLST
 * (RFC 3659), or LIST in the Unix {@code ls -l} or the Windows (IIS, DOS) format.
 *
 * <p>Every format takes any string: a line it cannot read, a blank line or a Unix
 * {@code total N} line gives an empty result, never an exception, and a line longer than
 * {@value #MAX_LINE_LENGTH} characters is not read at all. The work is linear in the line's length.
 * Formats are immutable and safe to share between threads. It is one method, so a caller can pass
 * a parser of its own for a format this library does not know.
 *
 * {@snippet :
 * ListingFormat format = ListingFormat.fromSystem("215 UNIX Type: L8", ListingOptions.defaults());
 * List<FtpEntry> entries = format.parseAll(lines);   // lines of a LIST reply
 * }
 */
@FunctionalInterface
public interface ListingFormat {

    /** The longest line a format reads, in characters (a name and a link target at their longest fit easily). */
    int MAX_LINE_LENGTH = 65_536;

    /**
     * Reads one line of a listing.
     *
     * @param line the line, without its line end
     * @return the entry, or empty for a line that is not one (blank, {@code total N}, unreadable or too long)
     * @throws NullPointerException if the line is null
     */
    Optional<FtpEntry> parse(String line);

    /**
     * Reads every line and keeps the entries, in order; lines that are not entries are dropped.
     *
     * @param lines the lines, without line ends
     * @return the entries, unmodifiable
     */
    default List<FtpEntry> parseAll(Iterable<String> lines) {
        List<FtpEntry> entries = new ArrayList<>();
        for (String line : lines) {
            parse(line).ifPresent(entries::add);
        }
        return List.copyOf(entries);
    }

    /**
     * The MLSD / MLST format of RFC 3659: {@code fact=value;…} then one space then the name. For
     * an MLST reply pass the entry line without the one leading space the control reply puts
     * before it (a line that starts with a space is read as an entry without facts).
     *
     * @return the format; times are UTC as the RFC says, so it takes no options
     */
    static ListingFormat mlsx() {
        return MlsxParser.INSTANCE;
    }

    /**
     * The Unix {@code ls -l} LIST format with the default options (UTC, the system clock, English).
     *
     * @return the format
     */
    static ListingFormat unix() {
        return unix(ListingOptions.defaults());
    }

    /**
     * The Unix {@code ls -l} LIST format: {@code drwxr-xr-x 2 owner group 4096 Mar  1 12:30 name},
     * with or without the group column, {@code Mmm dd hh:mm}, {@code Mmm dd  yyyy} or
     * {@code yyyy-mm-dd hh:mm} dates, {@code name -> target} for links.
     *
     * @param options the server's zone, the clock for the missing year, the month names
     * @return the format
     */
    static ListingFormat unix(ListingOptions options) {
        return new UnixParser(Objects.requireNonNull(options, "options"));
    }

    /**
     * The Windows (IIS "MS-DOS" style) LIST format with the default options.
     *
     * @return the format
     */
    static ListingFormat windows() {
        return windows(ListingOptions.defaults());
    }

    /**
     * The Windows (IIS "MS-DOS" style) LIST format: {@code 12-05-96  05:03PM  <DIR>  name} or
     * {@code 05-26-95  10:57AM  143712 name}, 12- or 24-hour times, two- or four-digit years (a
     * two-digit year is put within 80 years before and 20 after the options' clock).
     *
     * @param options the server's zone and the clock
     * @return the format
     */
    static ListingFormat windows(ListingOptions options) {
        return new WindowsParser(Objects.requireNonNull(options, "options"));
    }

    /**
     * Unix or Windows, decided line by line, with the default options.
     *
     * @return the format
     */
    static ListingFormat auto() {
        return auto(ListingOptions.defaults());
    }

    /**
     * Unix or Windows, decided line by line (the two cannot be confused: a Unix line starts with
     * its type letter, a Windows line with a digit), for servers whose style is not known or that
     * mix them.
     *
     * @param options the options for both
     * @return the format
     */
    static ListingFormat auto(ListingOptions options) {
        return new AutoParser(unix(options), windows(options));
    }

    /**
     * The LIST format to expect from a server, from its SYST reply: {@link #unix(ListingOptions)}
     * for a system naming UNIX (or L8), otherwise {@link #auto(ListingOptions)} (IIS says
     * {@code Windows_NT} but lists in either style, as configured).
     *
     * @param systReply the SYST reply's text, with or without the {@code 215} code, such as
     *                  {@code "215 UNIX Type: L8"}
     * @param options   the options for the format
     * @return the format
     */
    static ListingFormat fromSystem(String systReply, ListingOptions options) {
        Objects.requireNonNull(options, "options");
        String system = systReply.strip();
        if (system.startsWith("215")) {
            system = system.substring(3).strip();
        }
        system = system.toUpperCase(Locale.ROOT);
        if (system.startsWith("UNIX") || system.startsWith("L8")) {
            return unix(options);
        }
        return auto(options);
    }
}
