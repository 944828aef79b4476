package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.Feature;
import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;

/** The endpoint contract over Unix-domain SEQPACKET sockets (socket pairs; listeners on automatic abstract names), on the module path. */
class UnixSeqpacketContractTest extends StreamContract {

    @Override
    protected Transport transport() {
        return Transport.of("unix SEQPACKET", () -> UnixEndpoint.pair(SocketType.SEQPACKET))
                .withListener(() -> Sockets.open(Family.UNIX, SocketType.SEQPACKET).listen(16), () -> Sockets.open(Family.UNIX, SocketType.SEQPACKET))
                // An empty record and end of stream both read as 0; each send is one record.
                .lacking(Feature.EMPTY_MESSAGES, Feature.BYTE_STREAM);
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(UnixEndpoint.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "unix and api are named modules");
    }
}
