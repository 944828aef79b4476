package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.DatagramContract;
import org.sockets.contract.EndpointContract;
import org.sockets.contract.Transport;

/** The endpoint contract over UDP: two endpoints on 127.0.0.1 connected to each other, on the module path. */
// Not DatagramContract.EmptyMessages: a connected DatagramChannel cannot send an empty datagram (the
// transport says so with UnsupportedEndpointOperationException); unconnected, sendTo can, which
// UdpEndpointTest covers.
class UdpContractTest extends DatagramContract implements EndpointContract.ErrorContext {

    @Override
    protected Transport transport() {
        return Transport.of("udp", UdpContractTest::pair);
    }

    private static EndpointPair pair() throws IOException {
        Endpoint a = Sockets.open(Family.INET, SocketType.DGRAM, "udp");
        Endpoint b = null;
        try {
            b = Sockets.open(Family.INET, SocketType.DGRAM, "udp");
            a.bind(Address.of("127.0.0.1", 0));
            b.bind(Address.of("127.0.0.1", 0));
            a.connect(b.localAddress());
            b.connect(a.localAddress());
            return new EndpointPair(a, b);
        } catch (IOException | RuntimeException e) {
            a.close();
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    @Test
    void runsOnTheModulePath() {
        assertTrue(UdpEndpoint.class.getModule().isNamed() && Endpoint.class.getModule().isNamed(), "udp and api are named modules");
    }
}
