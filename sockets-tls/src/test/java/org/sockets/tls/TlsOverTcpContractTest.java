package org.sockets.tls;

import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;

/** The endpoint contract over TLS over TCP (see {@link TlsContract}). */
class TlsOverTcpContractTest extends StreamContract implements StreamContract.ByteStream, StreamContract.EmptyMessages {
    @Override
    protected Transport transport() {
        return Transport.of("TLS over TCP", () -> TlsContract.tls(Pairs.tcp()));
    }
}
