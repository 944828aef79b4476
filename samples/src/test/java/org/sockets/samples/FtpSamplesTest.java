package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * {@code bin/sample ftp-list / ftp-get / ftp-put} and {@code fetch ftp://...} against vsftpd
 * (anonymous) and pyftpdlib (a password): a listing, a download with its progress bar, an upload
 * resumed from a partial file on the server.
 */
@ExtendWith(NoDescriptorLeaks.class)
class FtpSamplesTest {

    static FtpServer vsftpd;
    static FtpServer pyftpdlib;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws IOException {
        Files.delete(Files.createTempFile("warm-up", ".tmp")); // the random devices, opened once per JVM
        vsftpd = FtpServer.vsftpd(false);
        pyftpdlib = FtpServer.pyftpdlib();
    }

    @AfterAll
    static void stop() {
        if (vsftpd != null) {
            vsftpd.close();
        }
        if (pyftpdlib != null) {
            pyftpdlib.close();
        }
    }

    static Run run(String name, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int s = FtpSamples.run(name, List.of(args), Map.of(Fetch.PASSWORD_VARIABLE, FtpServer.PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ftpListPrintsTheFolder() throws IOException {
        Files.createDirectories(vsftpd.files().resolve("listme/sub"));
        Files.write(vsftpd.files().resolve("listme/a.bin"), new byte[1234]);
        Run r = run("ftp-list", "--host", vsftpd.host(), "--port", Integer.toString(vsftpd.port()), "pub/listme");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("FILE                  1234  a.bin"), r.out());
        assertTrue(r.out().contains("DIRECTORY"), r.out());
        assertEquals(2, run("ftp-list", "--port", "21").status(), "--host is required");
    }

    @Test
    void ftpGetDrawsAProgressBar(@TempDir Path tmp) throws IOException {
        byte[] content = new byte[3 << 20];
        new Random(7).nextBytes(content);
        Files.write(vsftpd.files().resolve("get.bin"), content);
        Path local = tmp.resolve("get.bin");
        Run r = run("ftp-get", "--host", vsftpd.host(), "--port", Integer.toString(vsftpd.port()), "pub/get.bin", local.toString());
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(content, Files.readAllBytes(local));
        assertTrue(r.err().contains("] 100% " + content.length + " / " + content.length + " bytes"), r.err());
        assertTrue(r.out().startsWith(content.length + " bytes received"), r.out());
    }

    @Test
    void ftpPutResumesAnUploadThatBrokeOff(@TempDir Path tmp) throws IOException {
        byte[] content = new byte[2 << 20];
        new Random(8).nextBytes(content);
        Path local = tmp.resolve("put.bin");
        Files.write(local, content);
        Files.write(pyftpdlib.files().resolve("put.bin"), java.util.Arrays.copyOf(content, 700_000)); // the broken first try
        String[] common = {"--host", pyftpdlib.host(), "--port", Integer.toString(pyftpdlib.port()), "--user", FtpServer.USER};
        Run refused = run("ftp-put", concat(common, local.toString(), "put.bin"));
        assertEquals(2, refused.status(), "a password in clear needs --plaintext-credentials");
        Run r = run("ftp-put", concat(common, "--plaintext-credentials", "--resume", local.toString(), "put.bin"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith((content.length - 700_000) + " bytes sent"), r.out());
        assertArrayEquals(content, Files.readAllBytes(pyftpdlib.files().resolve("put.bin")));
        assertTrue(!(r.out() + r.err()).contains(FtpServer.PASSWORD));
    }

    @Test
    void fetchRetrievesAnFtpUrl() throws IOException {
        Files.writeString(vsftpd.files().resolve("fetched.txt"), "fetched by URL\n");
        FetchRun r = FetchRun.of(Map.of(), "ftp://" + vsftpd.host() + ":" + vsftpd.port() + "/pub/fetched.txt");
        assertEquals(0, r.status(), r.err());
        assertEquals("fetched by URL\n", r.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
