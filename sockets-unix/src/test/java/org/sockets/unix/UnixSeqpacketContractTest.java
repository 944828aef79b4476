package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;

/** The endpoint contract over Unix-domain SEQPACKET sockets (socket pairs; listeners on automatic abstract names), on the module path. */
// Not ByteStream (each send is one record, kept whole) nor EmptyMessages (an empty record and end
// of stream both read as 0).
class UnixSeqpacketContractTest extends StreamContract implements StreamContract.Listener, StreamContract.RetractableSends {

    @Override
    protected Transport transport() {
        return Transport.of("unix SEQPACKET", () -> UnixEndpoint.pair(SocketType.SEQPACKET))
                .withListener(() -> Sockets.open(Family.UNIX, SocketType.SEQPACKET).listen(16), () -> Sockets.open(Family.UNIX, SocketType.SEQPACKET));
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(UnixEndpoint.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "unix and api are named modules");
    }
}
