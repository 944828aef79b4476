package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sockets.api.Endpoint;
import org.sockets.api.SocketType;
import org.sockets.contract.DatagramContract;
import org.sockets.contract.Transport;

/** The endpoint contract over Unix-domain DGRAM sockets (socket pairs), on the module path. */
class UnixDgramContractTest extends DatagramContract implements DatagramContract.EmptyMessages {

    @Override
    protected Transport transport() {
        return Transport.of("unix DGRAM", () -> UnixEndpoint.pair(SocketType.DGRAM));
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(UnixEndpoint.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "unix and api are named modules");
    }
}
