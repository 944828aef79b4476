package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.CloseDuringSendAll;
import org.sockets.contract.EndpointContract;
import org.sockets.contract.StreamContract;

import org.sockets.contract.Transport;

/** The endpoint contract over Unix-domain STREAM sockets (socket pairs; listeners on automatic abstract names), on the module path. */
class UnixStreamContractTest extends StreamContract
        implements StreamContract.ByteStream, StreamContract.EmptyMessages, StreamContract.Listener, StreamContract.RetractableSends,
        EndpointContract.ErrorContext, CloseDuringSendAll {

    @Override
    protected Transport transport() {
        return Transport.of("unix STREAM", () -> UnixEndpoint.pair(SocketType.STREAM))
                .withListener(() -> Sockets.open(Family.UNIX, SocketType.STREAM).listen(16), () -> Sockets.open(Family.UNIX, SocketType.STREAM));
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(UnixEndpoint.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "unix and api are named modules");
    }
}
