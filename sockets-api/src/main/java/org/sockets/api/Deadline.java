package org.sockets.api;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The moment by which one blocking call must be done: the per-call form of
 * {@link Endpoint#timeout(Duration)}.
 *
 * <p>A layer above an endpoint often needs one bound for work spread over several calls: a TLS
 * record read over several {@code recv}s, a {@code sendAll} of many writes, a protocol reply that
 * must arrive whole within the read timeout while another thread writes on the same endpoint.
 * Changing the endpoint's timeout for that would race with the other thread; a deadline is a
 * value, so each call carries its own. Pass the same deadline to each call of the work:
 *
 * {@snippet :
 * Deadline whole = Deadline.after(Duration.ofSeconds(30));
 * ByteBuffer buf = ByteBuffer.allocate(8192);
 * while (!lineComplete(buf)) {
 *     if (endpoint.recv(buf, whole) == 0) {      // throws SocketTimeoutException once 30 s have passed
 *         throw new EOFException("peer closed before the end of the line");
 *     }
 * }
 * }
 *
 * <p>Deadlines are read on {@link System#nanoTime()}, so a change of the wall clock does not move
 * them. A duration too long for that clock (more than about 292 years, e.g.
 * {@code ChronoUnit.FOREVER.getDuration()} or {@code Duration.ofSeconds(Long.MAX_VALUE)}) means
 * no limit: {@link #after(Duration)} returns {@link #none()} for it rather than overflowing. A
 * deadline that has already passed still lets a call make one attempt that does not wait, as
 * Python's {@code settimeout(0.0)} does.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(0L, null);

    /** The {@link System#nanoTime()} value at which time is up; meaningless for {@link #NONE}. */
    private final long at;
    /** The duration this deadline was made from, for messages; null for {@link #NONE}. */
    private final Duration budget;

    private Deadline(long at, Duration budget) {
        this.at = at;
        this.budget = budget;
    }

    /**
     * No limit: a call given this deadline waits as long as it takes.
     *
     * @return the deadline that never passes
     */
    public static Deadline none() {
        return NONE;
    }

    /**
     * The deadline {@code duration} from now. Zero or negative gives a deadline that has already
     * passed (one attempt, no waiting); a duration beyond the clock's range gives {@link #none()}.
     *
     * @param duration how long from now
     * @return the deadline
     * @throws NullPointerException if {@code duration} is null
     */
    public static Deadline after(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        long now = System.nanoTime();
        if (duration.isNegative() || duration.isZero()) {
            return new Deadline(now, duration);
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return NONE;
        }
        // nanoTime differences are only meaningful within 2^63 ns; keep a margin so that
        // (at - System.nanoTime()) can never wrap for any deadline we hand out.
        if (nanos > Long.MAX_VALUE / 2) {
            return NONE;
        }
        return new Deadline(now + nanos, duration);
    }

    /**
     * The deadline an endpoint's timeout gives one call started now: {@link #none()} when the
     * endpoint blocks without limit.
     *
     * @param timeout an endpoint's {@link Endpoint#timeout()}
     * @return the deadline for a call starting now
     */
    public static Deadline of(Optional<Duration> timeout) {
        return timeout.isPresent() ? after(timeout.get()) : NONE;
    }

    /**
     * Whether this deadline limits anything (false only for {@link #none()}).
     *
     * @return {@code true} if time can run out
     */
    public boolean isBounded() {
        return budget != null;
    }

    /**
     * Whether the time is up.
     *
     * @return {@code true} once the deadline has passed; never for {@link #none()}
     */
    public boolean hasPassed() {
        return budget != null && at - System.nanoTime() <= 0;
    }

    /**
     * Nanoseconds left, for APIs that take a count: {@link Long#MAX_VALUE} when unbounded, 0 once
     * passed.
     *
     * @return the time left, at least 0
     */
    public long remainingNanos() {
        if (budget == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(0L, at - System.nanoTime());
    }

    /**
     * The time left.
     *
     * @return the time left (zero once passed), or empty when unbounded
     */
    public Optional<Duration> remaining() {
        return budget == null ? Optional.empty() : Optional.of(Duration.ofNanos(remainingNanos()));
    }

    /**
     * The earlier of this deadline and another: how a per-read bound and a whole-operation
     * bound combine.
     *
     * @param other the other deadline
     * @return whichever passes first ({@code this} if they are equal)
     */
    public Deadline earlier(Deadline other) {
        Objects.requireNonNull(other, "other");
        if (other.budget == null) {
            return this;
        }
        if (budget == null) {
            return other;
        }
        return other.at - at < 0 ? other : this;
    }

    /**
     * The duration this deadline was made from, as people read it ({@code "2 s"}, {@code "250 ms"},
     * {@code "1 ns"}), for messages.
     *
     * @return the duration in words, or {@code "no limit"}
     */
    public String budgetText() {
        return budget == null ? "no limit" : describe(budget);
    }

    /**
     * The exception for a call that ran out of time: {@code "<what> timed out after <budget>"}.
     * Every transport and layer words its timeouts this way.
     *
     * @param what the operation and the endpoint, e.g. {@code "recv on tcp 127.0.0.1:5000"}
     * @return the exception, for the caller to throw
     */
    public SocketTimeoutException timedOut(String what) {
        return new SocketTimeoutException(what + " timed out after " + budgetText());
    }

    /**
     * A duration in the largest unit that keeps it exact enough to read: seconds with up to three
     * decimals from 1 s, whole milliseconds from 1 ms, microseconds from 1 µs, else nanoseconds.
     *
     * @param d a duration
     * @return e.g. {@code "2 s"}, {@code "1.5 s"}, {@code "250 ms"}, {@code "3 µs"}, {@code "1 ns"}
     */
    public static String describe(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            return "-" + describe(d.negated());
        }
        if (d.getSeconds() >= 1) {
            long millis = d.getNano() / 1_000_000;
            if (millis == 0) {
                return d.getSeconds() + " s";
            }
            String frac = String.format("%03d", millis).replaceAll("0+$", "");
            return d.getSeconds() + "." + frac + " s";
        }
        long nanos = d.getNano();
        if (nanos >= 1_000_000) {
            return nanos / 1_000_000 + " ms";
        }
        if (nanos >= 1_000) {
            return nanos / 1_000 + " µs";
        }
        return nanos + " ns";
    }

    @Override
    public String toString() {
        if (budget == null) {
            return "Deadline[none]";
        }
        return "Deadline[" + budgetText() + ", " + describe(Duration.ofNanos(remainingNanos())) + " left]";
    }
}
