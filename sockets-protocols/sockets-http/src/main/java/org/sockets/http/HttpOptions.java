package org.sockets.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP settings on top of the protocol core's {@link org.sockets.protocol.ClientOptions}
 * (which give the timeouts, the whole-request deadline, the limits, the connector and TLS). Start
 * from {@link #defaults()} and change one thing at a time.
 *
 * {@snippet :
 * HttpOptions http = HttpOptions.defaults().withPoolSize(64).withIdleTimeout(Duration.ofSeconds(5));
 * }
 *
 * @param poolSize         idle connections kept per origin (scheme, host, port); more may be open
 *                         at once, the surplus is closed when its exchange ends. Default 16
 * @param idleTimeout      how long an idle pooled connection is kept before it is closed rather
 *                         than reused. Default 30 s
 * @param continueTimeout  how long a request with {@code Expect: 100-continue} waits for
 *                         {@code 100 Continue} before sending its body anyway (curl's 1 s).
 *                         Default 1 s
 * @param maxInformational 1xx responses accepted before the final one (CVE-2021-3737: a server
 *                         that sends {@code 100 Continue} forever). Default 32
 * @param errorBodyStart   bytes of a non-2xx body kept in {@link HttpStatusException}. Default 4096
 * @param userAgent        the {@code User-Agent} sent unless the request sets one; empty sends
 *                         none. Default {@code sockets-http}
 */
public record HttpOptions(int poolSize, Duration idleTimeout, Duration continueTimeout, int maxInformational,
                          int errorBodyStart, Optional<String> userAgent) {

    private static final HttpOptions DEFAULTS = new HttpOptions(16, Duration.ofSeconds(30), Duration.ofSeconds(1), 32,
            4096, Optional.of("sockets-http"));

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a count is out of range, a duration not positive, or
     *         the user agent not a valid header value
     */
    public HttpOptions {
        if (poolSize < 0) {
            throw new IllegalArgumentException("poolSize must be at least 0, not " + poolSize);
        }
        positive("idleTimeout", idleTimeout);
        positive("continueTimeout", continueTimeout);
        if (maxInformational < 0) {
            throw new IllegalArgumentException("maxInformational must be at least 0, not " + maxInformational);
        }
        if (errorBodyStart < 0) {
            throw new IllegalArgumentException("errorBodyStart must be at least 0, not " + errorBodyStart);
        }
        Objects.requireNonNull(userAgent, "userAgent").ifPresent(v -> Wire.checkHeader("User-Agent", v));
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    /**
     * The defaults: 16 idle connections per origin kept for 30 s, 1 s wait for
     * {@code 100 Continue}, at most 32 informational responses, 4096 bytes of an error body kept,
     * {@code User-Agent: sockets-http}.
     *
     * @return the defaults
     */
    public static HttpOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy keeping up to {@code n} idle connections per origin (0: no reuse).
     *
     * @param n at least 0
     * @return the copy
     */
    public HttpOptions withPoolSize(int n) {
        return new HttpOptions(n, idleTimeout, continueTimeout, maxInformational, errorBodyStart, userAgent);
    }

    /**
     * A copy with another idle timeout for pooled connections.
     *
     * @param d positive
     * @return the copy
     */
    public HttpOptions withIdleTimeout(Duration d) {
        return new HttpOptions(poolSize, d, continueTimeout, maxInformational, errorBodyStart, userAgent);
    }

    /**
     * A copy with another wait for {@code 100 Continue}.
     *
     * @param d positive
     * @return the copy
     */
    public HttpOptions withContinueTimeout(Duration d) {
        return new HttpOptions(poolSize, idleTimeout, d, maxInformational, errorBodyStart, userAgent);
    }

    /**
     * A copy accepting another number of 1xx responses before the final one.
     *
     * @param n at least 0
     * @return the copy
     */
    public HttpOptions withMaxInformational(int n) {
        return new HttpOptions(poolSize, idleTimeout, continueTimeout, n, errorBodyStart, userAgent);
    }

    /**
     * A copy keeping another number of bytes of a non-2xx body in {@link HttpStatusException}.
     *
     * @param bytes at least 0
     * @return the copy
     */
    public HttpOptions withErrorBodyStart(int bytes) {
        return new HttpOptions(poolSize, idleTimeout, continueTimeout, maxInformational, bytes, userAgent);
    }

    /**
     * A copy sending another {@code User-Agent} (empty: none).
     *
     * @param agent the value, or empty
     * @return the copy
     */
    public HttpOptions withUserAgent(Optional<String> agent) {
        return new HttpOptions(poolSize, idleTimeout, continueTimeout, maxInformational, errorBodyStart, agent);
    }
}
