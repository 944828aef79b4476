package org.sockets.contract;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;

/**
 * What a transport gives the contract suite: connected pairs, a listener where it has one, and
 * what it lacks. A transport's test class returns one from {@link EndpointContract#transport()}.
 *
 * {@snippet :
 * class TcpContractTest extends StreamContract {
 *     @Override
 *     protected Transport transport() {
 *         return Transport.of("tcp", Loopback::connectedPair)
 *                 .withListener(Loopback::listening, () -> Sockets.open(Family.INET, SocketType.STREAM));
 *     }
 * }
 * }
 *
 * <p>A pair's two ends must be connected to each other, blocking (no timeout) and each the
 * caller's to close; closing the {@link EndpointPair} must release everything the pair holds
 * (a listener used to make it, say). A layer over another transport (TLS) passes a factory that
 * wraps the lower transport's pairs.
 *
 * @param name     how the transport appears in failure messages, e.g. {@code "unix SEQPACKET"}
 * @param pairs    makes a connected pair
 * @param listener makes listeners and unconnected endpoints that connect to them, if the
 *                 transport has listeners
 * @param lacks    what the transport does not have, whose tests the suite leaves out
 */
public record Transport(String name, PairFactory pairs, Optional<Listening> listener, Set<Feature> lacks) {

    /** Copies the set and checks that nothing is missing. */
    public Transport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(listener, "listener");
        lacks = Set.copyOf(lacks);
    }

    /**
     * A transport that makes connected pairs, has no listener and lacks nothing else.
     *
     * @param name  how the transport appears in messages
     * @param pairs makes a connected pair
     * @return the description
     */
    public static Transport of(String name, PairFactory pairs) {
        return new Transport(name, pairs, Optional.empty(), Set.of());
    }

    /**
     * This transport with listeners, for the tests of {@code accept} and of unconnected endpoints.
     *
     * @param listening  opens an endpoint already listening (bound to a free address)
     * @param unconnected opens a new endpoint that can {@code connect} to a listener's
     *                    {@link Endpoint#localAddress()}
     * @return the description with listeners
     */
    public Transport withListener(EndpointFactory listening, EndpointFactory unconnected) {
        return new Transport(name, pairs, Optional.of(new Listening(listening, unconnected)), lacks);
    }

    /**
     * This transport lacking some features: the suite's tests that need them are left out for it,
     * reported as skipped with the reason.
     *
     * @param missing what it lacks
     * @return the description lacking them too
     */
    public Transport lacking(Feature... missing) {
        EnumSet<Feature> all = lacks.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(lacks);
        all.addAll(Arrays.asList(missing));
        return new Transport(name, pairs, listener, all);
    }

    /**
     * Whether the transport has a feature: not in {@link #lacks()}, and for
     * {@link Feature#LISTENER} a listener was given.
     *
     * @param f the feature
     * @return {@code true} if the suite may use it
     */
    public boolean has(Feature f) {
        return !lacks.contains(f) && (f != Feature.LISTENER || listener.isPresent());
    }

    @Override
    public String toString() {
        return name;
    }

    /** Makes a connected pair. */
    @FunctionalInterface
    public interface PairFactory {
        /**
         * Opens two endpoints connected to each other.
         *
         * @return the pair, which the caller closes
         * @throws IOException if the transport refuses
         */
        EndpointPair open() throws IOException;
    }

    /** Makes one endpoint. */
    @FunctionalInterface
    public interface EndpointFactory {
        /**
         * Opens an endpoint.
         *
         * @return the endpoint, which the caller closes
         * @throws IOException if the transport refuses
         */
        Endpoint open() throws IOException;
    }

    /**
     * How the suite makes listeners and the endpoints that connect to them.
     *
     * @param listening   opens a listening endpoint
     * @param unconnected opens an endpoint that can connect to it
     */
    public record Listening(EndpointFactory listening, EndpointFactory unconnected) {
        /** Checks both factories are given. */
        public Listening {
            Objects.requireNonNull(listening, "listening");
            Objects.requireNonNull(unconnected, "unconnected");
        }
    }
}
