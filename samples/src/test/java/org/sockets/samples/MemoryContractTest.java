package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.CloseDuringSendAll;
import org.sockets.contract.EndpointContract;
import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;
import org.sockets.samples.memory.MemoryTransportProvider;

/**
 * The endpoint contract over the in-memory sample transport, on the module path: a user-written
 * transport is held to what the library's own are.
 */
class MemoryContractTest extends StreamContract
        implements StreamContract.ByteStream, StreamContract.EmptyMessages, StreamContract.Listener, StreamContract.RetractableSends,
        EndpointContract.ErrorContext, CloseDuringSendAll {

    @Override
    protected Transport transport() {
        return Transport.of("memory", MemoryContractTest::pair).withListener(MemoryContractTest::listening, MemoryContractTest::unconnected);
    }

    private static Endpoint unconnected() throws IOException {
        return Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME);
    }

    private static Endpoint listening() throws IOException {
        Endpoint e = unconnected();
        try {
            return e.bind(Address.any(0)).listen(16);
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    private static EndpointPair pair() throws IOException {
        try (Endpoint server = listening()) {
            Endpoint client = unconnected();
            try {
                client.connect(server.localAddress());
                return new EndpointPair(client, server.accept());
            } catch (IOException | RuntimeException ex) {
                client.close();
                throw ex;
            }
        }
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(MemoryTransportProvider.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "samples and api are named modules");
    }
}
