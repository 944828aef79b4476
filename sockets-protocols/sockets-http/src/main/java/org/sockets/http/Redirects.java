package org.sockets.http;

/**
 * Which redirects {@link Http1Client#send} follows: none ({@link #none()}, the typed client's
 * default, as {@code http.client}) or up to a number of hops ({@link #follow(int)}; the URL front
 * door follows 5, as urllib's {@code urlopen} does).
 *
 * <p>Rules that hold whatever the limit (decision note
 * {@code 2026-12-06-http-proxy-redirect-decoding.md}):
 * <ul>
 * <li>never from {@code https} to {@code http}: a {@link RedirectException};</li>
 * <li>{@code Authorization} (the caller's, or the one made from the client's credentials) and a
 *     caller-set {@code Cookie} are dropped once a redirect leaves the request's origin (scheme,
 *     host, port) and never come back;</li>
 * <li>303, and 301/302 after a POST, become a GET without a body; 307 and 308 keep the method and
 *     the body, and are followed only when the body can be sent again
 *     ({@link RequestBody#isReplayable()}) — otherwise the 307/308 response is returned;</li>
 * <li>one hop past the limit is a {@link RedirectException}, so a loop ends.</li>
 * </ul>
 *
 * {@snippet :
 * HttpOptions http = HttpOptions.defaults().withRedirects(Redirects.follow(5));
 * }
 *
 * @param maxHops redirects followed for one request; 0 follows none
 */
public record Redirects(int maxHops) {

    /** The most hops a policy may allow; far past any honest chain. */
    public static final int MAX_HOPS = 50;

    /**
     * Checks the limit.
     *
     * @throws IllegalArgumentException if {@code maxHops} is negative or over {@link #MAX_HOPS}
     */
    public Redirects {
        if (maxHops < 0 || maxHops > MAX_HOPS) {
            throw new IllegalArgumentException("maxHops must be 0 to " + MAX_HOPS + ", not " + maxHops);
        }
    }

    /**
     * Follows no redirect: a 3xx is returned as it is. The typed client's default.
     *
     * @return the policy
     */
    public static Redirects none() {
        return new Redirects(0);
    }

    /**
     * Follows up to {@code maxHops} redirects per request.
     *
     * @param maxHops 1 to {@link #MAX_HOPS}
     * @return the policy
     * @throws IllegalArgumentException if out of range
     */
    public static Redirects follow(int maxHops) {
        if (maxHops < 1) {
            throw new IllegalArgumentException("follow at least one redirect, not " + maxHops + " (use Redirects.none())");
        }
        return new Redirects(maxHops);
    }

    /**
     * Whether any redirect is followed.
     *
     * @return {@code true} if {@code maxHops > 0}
     */
    public boolean enabled() {
        return maxHops > 0;
    }
}
