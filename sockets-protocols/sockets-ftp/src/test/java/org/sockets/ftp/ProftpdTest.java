package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance suite against proftpd (a user with a password). */
@ExtendWith(NoDescriptorLeaks.class)
class ProftpdTest extends Conformance {

    @RegisterExtension
    static final RunningServer server = new RunningServer(FtpServer::proftpd);

    @Override
    FtpServer server() {
        return server.get();
    }

    @Test
    void mlstDescribesOneFileAndMlsdIsUsedForListings() throws IOException {
        Files.write(server().files().resolve("one.bin"), new byte[321]);
        try (FtpClient ftp = connect()) {
            assertTrue(ftp.features().has("MLST"), "proftpd has MLST");
            FtpEntry e = ftp.entry("one.bin");
            assertEquals(FtpEntry.Kind.FILE, e.kind());
            assertEquals(321, e.size().orElseThrow());
            assertTrue(e.fact("unix.mode").isPresent(), e.toString());
            assertTrue(ftp.list(null).stream().anyMatch(x -> x.name().equals("one.bin") && x.fact("perm").isPresent()),
                    "the listing came from MLSD (it has facts)");
        }
    }
}
