package org.sockets.http;

import java.net.URI;
import java.util.Objects;
import org.sockets.protocol.ProtocolException;

/**
 * A redirect was not followed: one hop past the limit (a loop, urllib's "redirect loop"), a
 * downgrade from {@code https} to {@code http}, or a {@code Location} that is not an
 * {@code http}/{@code https} URL. The redirect response was closed.
 */
public class RedirectException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** Why the redirect was refused. */
    public enum Reason {
        /** More redirects than {@link Redirects#maxHops()}. */
        TOO_MANY,
        /** From {@code https} to {@code http}: the rest would go in clear. */
        DOWNGRADE,
        /** A {@code Location} that is not a usable {@code http}/{@code https} URL. */
        UNUSABLE_LOCATION
    }

    private final Reason reason;
    private final URI from;
    private final String location;
    private final int hops;

    /**
     * An exception for a refused redirect.
     *
     * @param reason   why
     * @param from     the URL that answered with the redirect
     * @param location the {@code Location} it gave, as received
     * @param hops     redirects followed before this one
     */
    public RedirectException(Reason reason, URI from, String location, int hops) {
        super(message(reason, from, location, hops));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.from = Objects.requireNonNull(from, "from");
        this.location = Objects.requireNonNull(location, "location");
        this.hops = hops;
    }

    private static String message(Reason reason, URI from, String location, int hops) {
        String to = Wire.escape(location);
        return switch (reason) {
            case TOO_MANY -> "too many redirects: " + hops + " followed, the limit, and " + from + " redirects again to " + to;
            case DOWNGRADE -> "refused to follow a redirect from https to http: " + from + " -> " + to;
            case UNUSABLE_LOCATION -> "refused to follow a redirect from " + from + " to " + to + ": not an http or https URL";
        };
    }

    /**
     * Why the redirect was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The URL that answered with the redirect.
     *
     * @return the URL
     */
    public URI from() {
        return from;
    }

    /**
     * The {@code Location} field as received.
     *
     * @return the text
     */
    public String location() {
        return location;
    }

    /**
     * Redirects followed before this one.
     *
     * @return the count
     */
    public int hops() {
        return hops;
    }
}
