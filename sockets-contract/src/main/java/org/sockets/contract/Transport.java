package org.sockets.contract;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;

/**
 * What a transport gives the contract suite: connected pairs, and a listener where it has one. A
 * transport's test class returns one from {@link EndpointContract#transport()}; what else the
 * transport has it says by the suite's interfaces it implements ({@link StreamContract.Listener}
 * and the others), whose tests then run for it.
 *
 * {@snippet :
 * class TcpContractTest extends StreamContract implements StreamContract.Listener, StreamContract.ByteStream,
 *         StreamContract.EmptyMessages, StreamContract.RetractableSends {
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
 *                 transport has listeners (then its test class implements
 *                 {@link StreamContract.Listener})
 */
public record Transport(String name, PairFactory pairs, Optional<Listening> listener) {

    /** Checks that nothing is missing. */
    public Transport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * A transport that makes connected pairs and has no listener.
     *
     * @param name  how the transport appears in messages
     * @param pairs makes a connected pair
     * @return the description
     */
    public static Transport of(String name, PairFactory pairs) {
        return new Transport(name, pairs, Optional.empty());
    }

    /**
     * This transport with listeners, for the tests of {@code accept} and of unconnected endpoints
     * ({@link StreamContract.Listener}, which the test class must implement too).
     *
     * @param listening  opens an endpoint already listening (bound to a free address)
     * @param unconnected opens a new endpoint that can {@code connect} to a listener's
     *                    {@link Endpoint#localAddress()}
     * @return the description with listeners
     */
    public Transport withListener(EndpointFactory listening, EndpointFactory unconnected) {
        return new Transport(name, pairs, Optional.of(new Listening(listening, unconnected)));
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
