package org.sockets.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Sockets#connect(Address, ConnectOptions)} connects: Python's
 * {@code create_connection} arguments plus the Happy Eyeballs knobs. Immutable; each
 * {@code withX} method returns a copy.
 *
 * {@snippet :
 * Endpoint e = Sockets.connect(Address.of("localhost", 80),
 *         ConnectOptions.defaults().withTimeout(Duration.ofSeconds(5)));
 * }
 *
 * @param timeout      bounds each connection attempt and stays on the endpoint as its timeout;
 *                     empty means the process default ({@link Sockets#defaultTimeout()}).
 *                     Default: empty
 * @param attemptDelay how long one attempt may run before the next address is tried in parallel
 *                     (RFC 8305 "Connection Attempt Delay"). Default: 250 ms
 * @param resolver     turns a {@link Address.Host} into addresses. Default: {@link Resolver#system()}
 * @param family       restricts candidates to one family; empty tries both. Default: empty
 * @param source       a local address to bind before connecting (Python's
 *                     {@code source_address}). Default: empty
 */
public record ConnectOptions(Optional<Duration> timeout, Duration attemptDelay, Resolver resolver,
                             Optional<Family> family, Optional<Address> source) {

    /** Checks the parts. */
    public ConnectOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(attemptDelay, "attemptDelay");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(source, "source");
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, not " + t);
            }
        });
        if (attemptDelay.isNegative()) {
            throw new IllegalArgumentException("attemptDelay must not be negative, not " + attemptDelay);
        }
        family.ifPresent(f -> {
            if (f == Family.UNIX) {
                throw new IllegalArgumentException("connect options with family UNIX: Happy Eyeballs is for INET and INET6");
            }
        });
    }

    /**
     * The defaults: process default timeout, 250 ms attempt delay, the system resolver, both
     * families, no source address.
     *
     * @return the default options
     */
    public static ConnectOptions defaults() {
        return new ConnectOptions(Optional.empty(), Duration.ofMillis(250), Resolver.system(), Optional.empty(), Optional.empty());
    }

    /**
     * A copy with a timeout.
     *
     * @param t positive
     * @return the copy
     */
    public ConnectOptions withTimeout(Duration t) {
        return new ConnectOptions(Optional.of(t), attemptDelay, resolver, family, source);
    }

    /**
     * A copy with another attempt delay.
     *
     * @param d zero or more
     * @return the copy
     */
    public ConnectOptions withAttemptDelay(Duration d) {
        return new ConnectOptions(timeout, d, resolver, family, source);
    }

    /**
     * A copy with another resolver.
     *
     * @param r the resolver
     * @return the copy
     */
    public ConnectOptions withResolver(Resolver r) {
        return new ConnectOptions(timeout, attemptDelay, r, family, source);
    }

    /**
     * A copy restricted to one family.
     *
     * @param f INET or INET6
     * @return the copy
     */
    public ConnectOptions withFamily(Family f) {
        return new ConnectOptions(timeout, attemptDelay, resolver, Optional.of(f), source);
    }

    /**
     * A copy that binds to a source address first.
     *
     * @param a the local address
     * @return the copy
     */
    public ConnectOptions withSource(Address a) {
        return new ConnectOptions(timeout, attemptDelay, resolver, family, Optional.of(a));
    }
}
