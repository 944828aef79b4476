package org.sockets.tls;

import java.io.IOException;
import org.sockets.api.EndpointPair;
import org.sockets.contract.Feature;
import org.sockets.contract.StreamContract;
import org.sockets.contract.Transport;

/**
 * Must show 2: the endpoint contract suite (sockets-contract's {@link StreamContract}) over
 * TlsEndpoint pairs (our client, our server, handshake done) on TCP, a Unix socketpair, and a test
 * endpoint that moves one byte per recv and per send. No listener: a TLS endpoint is made from a
 * connected one ({@link TlsListener} has its own tests), so the listener cases are left out. TLS
 * also lacks {@link Feature#RETRACTABLE_SENDS}: after a timed-out send, the next must begin with
 * the bytes it was told were not sent (their record is made and cannot be taken back), which
 * {@code TimeoutTest} and {@code SendAccountingTest} check.
 */
final class TlsStreamContractTests {
    private TlsStreamContractTests() {
    }

    static EndpointPair tls(EndpointPair plain) throws IOException {
        Pairs.Tls2 p = Pairs.tls(plain);
        return new EndpointPair(p.client(), p.server());
    }

    /** Over TCP. */
    static class OverTcpTest extends StreamContract {
        @Override
        protected Transport transport() {
            return Transport.of("TLS over TCP", () -> tls(Pairs.tcp())).lacking(Feature.RETRACTABLE_SENDS);
        }
    }

    /** Over a Unix socketpair. */
    static class OverUnixTest extends StreamContract {
        @Override
        protected Transport transport() {
            return Transport.of("TLS over a Unix socketpair", () -> tls(Pairs.unix())).lacking(Feature.RETRACTABLE_SENDS);
        }
    }

    /** Over a carrier that moves one byte per call. */
    static class OverOneByteTest extends StreamContract {
        @Override
        protected Transport transport() {
            return Transport.of("TLS over one byte per call", () -> tls(Pairs.oneByte())).lacking(Feature.RETRACTABLE_SENDS);
        }
    }
}
