package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.SocketType;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.unix.UnixEndpoint;

/** Each Unix sample in its demo role (server and client in one process) does what it says. */
@ExtendWith(NoDescriptorLeaks.class)
class UnixSamplesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startThePoller() throws Exception {
        // The transport's epoll descriptor opens on first use and stays for the process.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    private interface Sample {
        void run(String[] args, PrintStream out) throws Exception;
    }

    private static String run(Sample s, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            s.run(args, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void echoOverAPathRemovesItsFile() throws Exception {
        Path p = dir.resolve("echo.sock");
        String out = run(UnixSamples::echo, "--path", p.toString(), "--message", "ping");
        assertTrue(out.contains("server: echoing ping") && out.contains("client: got back ping"), out);
        assertTrue(!Files.exists(p), "socket file removed");
    }

    @Test
    void echoOverAnAbstractName() throws Exception {
        String out = run(UnixSamples::abstractEcho, "--name", "sockets-sample-" + ProcessHandle.current().pid(), "--message", "abs");
        assertTrue(out.contains("listening on @sockets-sample-") && out.contains("client: got back abs"), out);
    }

    @Test
    void credentialsNameThisProcess() throws Exception {
        String out = run(UnixSamples::credentials);
        assertTrue(out.contains("the server says: you are pid " + ProcessHandle.current().pid() + ","), out);
    }

    @Test
    void aPassedFileIsReadByTheServer() throws Exception {
        Path f = dir.resolve("note.txt");
        Files.writeString(f, "passed along\n");
        String out = run(UnixSamples::passFile, "--file", f.toString(), "--path", dir.resolve("p.sock").toString());
        assertTrue(out.contains("for " + f + "; it reads: passed along"), out);
    }
}
