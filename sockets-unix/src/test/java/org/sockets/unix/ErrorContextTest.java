package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.EndpointPair;
import org.sockets.api.SocketType;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A Unix stream's broken pipe names the endpoint and the errno (issue #10, bug 6). The context
 * every transport gives is tested by the contract suite ({@code EndpointContract.ErrorContext},
 * which {@link UnixStreamContractTest} implements).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ErrorContextTest {

    @Test
    void aBrokenPipeNamesTheEndpoint() throws Exception {
        try (EndpointPair p = UnixEndpoint.pair(SocketType.STREAM)) {
            String shown = p.first().toString();
            p.second().close();
            IOException pipe = assertThrows(IOException.class, () -> p.first().send(ByteBuffer.allocate(16)));
            assertTrue(pipe.getMessage().contains("send on " + shown) && pipe.getMessage().contains("EPIPE"), pipe.getMessage());
        }
    }
}
