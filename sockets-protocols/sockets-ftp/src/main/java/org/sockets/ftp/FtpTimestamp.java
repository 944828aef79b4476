package org.sockets.ftp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a listed file was last modified, with how much of it the server actually said.
 *
 * <p>Listings are uneven: an MLSD {@code modify} fact is UTC to the second or finer; a Unix
 * {@code LIST} line is the server's local time to the minute ({@code Mmm dd hh:mm}, the year left
 * out and inferred) or to the day ({@code Mmm dd yyyy}); a Windows line is local time to the
 * minute. The instant is the start of the stated period (a day-precision time is midnight in the
 * server's zone), so truncating another instant to the same {@link #precision()} in the same zone
 * compares like with like.
 *
 * @param instant      the time, at the start of its precision
 * @param precision    the smallest unit the server gave: {@link ChronoUnit#NANOS},
 *                     {@link ChronoUnit#MICROS}, {@link ChronoUnit#MILLIS},
 *                     {@link ChronoUnit#SECONDS}, {@link ChronoUnit#MINUTES} or
 *                     {@link ChronoUnit#DAYS}
 * @param yearInferred whether the year was not in the line but inferred from the clock (a Unix
 *                     {@code Mmm dd hh:mm} date), so it may be off by one year
 */
public record FtpTimestamp(Instant instant, ChronoUnit precision, boolean yearInferred) {

    /** Checks the parts. */
    public FtpTimestamp {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(precision, "precision");
        switch (precision) {
            case NANOS, MICROS, MILLIS, SECONDS, MINUTES, DAYS -> { }
            default -> throw new IllegalArgumentException("not a listing precision: " + precision);
        }
    }

    /**
     * A time stated exactly to the given unit, with its year given.
     *
     * @param instant   the time
     * @param precision its smallest stated unit
     * @return the timestamp
     */
    public static FtpTimestamp of(Instant instant, ChronoUnit precision) {
        return new FtpTimestamp(instant, precision, false);
    }
}
