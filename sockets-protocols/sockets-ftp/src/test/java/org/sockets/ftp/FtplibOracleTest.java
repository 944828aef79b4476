package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/** Must-show 4: Python's ftplib against the same vsftpd is the oracle for NLST and RETR bytes. */
@ExtendWith(NoDescriptorLeaks.class)
class FtplibOracleTest {

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> FtpServer.vsftpd(false));

    static final String FTPLIB = """
            import ftplib, hashlib, sys
            f = ftplib.FTP()
            f.connect(sys.argv[1], int(sys.argv[2]), timeout=10)
            f.login()
            for n in f.nlst(sys.argv[3]):
                print("NAME " + n)
            for name in sys.argv[4:]:
                h = hashlib.sha256()
                f.retrbinary("RETR " + name, h.update)
                print("SHA " + name + " " + h.hexdigest())
            f.quit()
            print("DONE")
            """;

    @Test
    void namesAndBytesEqualWhatFtplibGets() throws IOException {
        java.nio.file.Path dir = server.get().files().resolve("oracle");
        Files.createDirectories(dir);
        List<String> remote = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = i == 5 ? "spaced name é.bin" : "o" + i + ".bin";
            Files.write(dir.resolve(name), Servers.random(i * 40_000 + 1, 30 + i));
            remote.add(server.get().path("oracle/" + name));
        }
        List<String> cmd = new ArrayList<>(List.of(Peers.program("python3").toString(), "-c", FTPLIB, server.get().host(),
                Integer.toString(server.get().port()), server.get().path("oracle")));
        cmd.addAll(remote);
        List<String> out;
        try (PeerProcess py = PeerProcess.start(cmd.toArray(String[]::new))) {
            out = py.awaitExit(Duration.ofSeconds(60));
            assertEquals(0, py.exitValue(), "ftplib: " + out);
        }
        TreeSet<String> pyNames = new TreeSet<>();
        List<String> pySums = new ArrayList<>();
        for (String l : out) {
            if (l.startsWith("NAME ")) {
                pyNames.add(l.substring(5));
            } else if (l.startsWith("SHA ")) {
                pySums.add(l.substring(4));
            }
        }
        assertEquals(6, pyNames.size(), out.toString());
        try (FtpClient ftp = Servers.connect(server.get())) {
            assertEquals(pyNames, new TreeSet<>(ftp.names(server.get().path("oracle"))));
            List<String> sums = new ArrayList<>();
            for (String r : remote) {
                try (InputStream in = ftp.retrieve(r)) {
                    sums.add(r + " " + Servers.sha256(in.readAllBytes()));
                }
            }
            assertEquals(pySums, sums);
        }
    }
}
