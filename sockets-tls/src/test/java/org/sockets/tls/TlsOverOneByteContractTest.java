package org.sockets.tls;

import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;

/** The endpoint contract over TLS over a test endpoint that moves one byte per recv and per send (see {@link TlsContract}). */
class TlsOverOneByteContractTest extends StreamContract implements StreamContract.ByteStream, StreamContract.EmptyMessages {
    @Override
    protected Transport transport() {
        return Transport.of("TLS over one byte per call", () -> TlsContract.tls(Pairs.oneByte()));
    }
}
