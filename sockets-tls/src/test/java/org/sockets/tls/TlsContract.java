package org.sockets.tls;

import java.io.IOException;
import org.sockets.api.EndpointPair;
import org.sockets.contract.StreamContract;

/**
 * Must show 2: the endpoint contract suite (sockets-contract's {@link StreamContract}) runs over
 * TlsEndpoint pairs (our client, our server, handshake done) on three carriers:
 * {@link TlsOverTcpContractTest}, {@link TlsOverUnixContractTest}, {@link TlsOverOneByteContractTest}.
 * No listener: a TLS endpoint is made from a connected one ({@link TlsListener} has its own
 * tests), so the classes do not implement {@link StreamContract.Listener}; nor
 * {@link StreamContract.RetractableSends}: after a timed-out send, the next must begin with the
 * bytes it was told were not sent (their record is made and cannot be taken back), which
 * {@code SendAccountingTest} checks.
 */
final class TlsContract {
    private TlsContract() {
    }

    static EndpointPair tls(EndpointPair plain) throws IOException {
        Pairs.Tls2 p = Pairs.tls(plain);
        return new EndpointPair(p.client(), p.server());
    }
}
