package org.sockets.tls;

import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;

/** The endpoint contract over TLS over a Unix socketpair (see {@link TlsContract}). */
class TlsOverUnixContractTest extends StreamContract implements StreamContract.ByteStream, StreamContract.EmptyMessages {
    @Override
    protected Transport transport() {
        return Transport.of("TLS over a Unix socketpair", () -> TlsContract.tls(Pairs.unix()));
    }
}
