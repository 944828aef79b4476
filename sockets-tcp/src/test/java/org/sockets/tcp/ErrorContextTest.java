package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Options;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * TCP's own I/O errors name the endpoint (issue #10, bug 6): a reset and a broken pipe. The
 * context every transport gives is tested by the contract suite
 * ({@code EndpointContract.ErrorContext}, which {@link TcpContractTest} implements).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ErrorContextTest {

    @Test
    void connectionResetAndBrokenPipeNameTheEndpoint() throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            String shown = p.client().toString();
            // SO_LINGER 0: the close sends a reset, so the next recv fails with "Connection reset".
            p.server().option(Options.SO_LINGER, 0);
            p.server().close();
            IOException reset = assertThrows(IOException.class, () -> p.client().recv(ByteBuffer.allocate(8)));
            assertTrue(reset.getMessage().contains("Connection reset") && reset.getMessage().contains("recv on " + shown), reset.getMessage());
            IOException pipe = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 1_000; i++) {
                    p.client().send(ByteBuffer.allocate(1024));
                }
            });
            assertTrue(pipe.getMessage().contains("send on " + shown), pipe.getMessage());
        }
    }
}
