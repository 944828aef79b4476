package org.sockets.tcp;

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

/** The endpoint contract over TCP on 127.0.0.1, on the module path. */
class TcpContractTest extends StreamContract
        implements StreamContract.ByteStream, StreamContract.EmptyMessages, StreamContract.Listener, StreamContract.RetractableSends,
        EndpointContract.ErrorContext, CloseDuringSendAll {

    @Override
    protected Transport transport() {
        return Transport.of("tcp", TcpContractTest::pair).withListener(TcpContractTest::listening, TcpContractTest::unconnected);
    }

    private static Endpoint unconnected() throws IOException {
        return Sockets.open(Family.INET, SocketType.STREAM, "tcp");
    }

    private static Endpoint listening() throws IOException {
        Endpoint e = unconnected();
        try {
            return e.bind(Address.of(Loopback.V4, 0)).listen(16);
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    private static EndpointPair pair() throws IOException {
        Loopback.Pair p = Loopback.pair();
        // The listener is not needed once the connection is made.
        p.listener().close();
        return new EndpointPair(p.client(), p.server());
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(TcpEndpoint.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "tcp and api are named modules");
    }
}
