package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sockets.protocol.testkit.FtpServer;

/** One conformance suite, run by a subclass per real server (each starts its server once). */
abstract class Conformance {

    abstract FtpServer server();

    FtpClient connect() throws IOException {
        return builder().connect();
    }

    /** A builder for the server; the Unix-socket subclass connects through socat instead. */
    FtpClientBuilder builder() {
        return Servers.builder(server());
    }

    @Test
    void logsInAndAnswersTheSimpleCommands() throws IOException {
        try (FtpClient ftp = connect()) {
            assertTrue(ftp.welcome().length() > 0);
            assertTrue(ftp.features().has("SIZE"), ftp.features().toString());
            assertTrue(ftp.systemType().contains("UNIX"), "SYST");
            String home = ftp.workingDirectory();
            assertTrue(home.startsWith("/"), home);
            if (!server().folder().isEmpty()) {
                ftp.changeDirectory(server().folder());
                assertEquals("/" + server().folder(), ftp.workingDirectory());
                ftp.changeToParent();
                assertEquals(home, ftp.workingDirectory());
            }
            ftp.noop();
            FtpReplyException missing = assertThrows(FtpReplyException.class, () -> ftp.size(server().path("no-such-file")));
            assertEquals(550, missing.replyCode());
            ftp.noop(); // still usable after a refusal
            ftp.quit();
        }
    }

    @Test
    void storesAndRetrievesBinaryBytesExactly() throws IOException {
        byte[] content = Servers.random(300_000, 1);
        try (FtpClient ftp = connect()) {
            try (OutputStream out = ftp.store(server().path("bin.dat"))) {
                out.write(content);
            }
            assertArrayEquals(content, Files.readAllBytes(server().files().resolve("bin.dat")), "what the server stored");
            assertEquals(content.length, ftp.size(server().path("bin.dat")));
            byte[] back;
            try (InputStream in = ftp.retrieve(server().path("bin.dat"))) {
                back = in.readAllBytes();
            }
            assertArrayEquals(content, back);
            ftp.noop();
        }
    }

    @Test
    void appendsAndRestartsDownloadsAtAnOffset() throws IOException {
        byte[] a = "first part;".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second part".getBytes(StandardCharsets.US_ASCII);
        try (FtpClient ftp = connect()) {
            try (OutputStream out = ftp.store(server().path("app.txt"))) {
                out.write(a);
            }
            try (OutputStream out = ftp.append(server().path("app.txt"))) {
                out.write(b);
            }
            assertEquals("first part;second part", Files.readString(server().files().resolve("app.txt")));
            try (InputStream in = ftp.retrieve(server().path("app.txt"), a.length, (done, total) -> { })) {
                assertEquals("second part", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void makesRenamesAndRemoves() throws IOException {
        try (FtpClient ftp = connect()) {
            String made = ftp.makeDirectory(server().path("made"));
            assertTrue(made.endsWith("made"), made);
            assertTrue(Files.isDirectory(server().files().resolve("made")));
            Files.writeString(server().files().resolve("old.txt"), "x");
            ftp.rename(server().path("old.txt"), server().path("new.txt"));
            assertTrue(Files.exists(server().files().resolve("new.txt")));
            ftp.delete(server().path("new.txt"));
            ftp.removeDirectory(server().path("made"));
            assertTrue(Files.notExists(server().files().resolve("made")));
            assertTrue(Files.notExists(server().files().resolve("new.txt")));
        }
    }

    @Test
    void modificationTimeIsTheFilesTime() throws IOException {
        Files.writeString(server().files().resolve("t.txt"), "t");
        Files.setLastModifiedTime(server().files().resolve("t.txt"), java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
        try (FtpClient ftp = connect()) {
            assertEquals(java.time.Instant.ofEpochSecond(1_600_000_000L), ftp.modificationTime(server().path("t.txt")));
        }
    }

    @Test
    void namesListTheFilesTheTestCreated() throws IOException {
        String sub = "listed";
        java.nio.file.Path dir = server().files().resolve(sub);
        Files.createDirectories(dir);
        Set<String> created = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            Files.write(dir.resolve("f" + i + ".bin"), new byte[i * 100]);
            created.add("f" + i + ".bin");
        }
        try (FtpClient ftp = connect()) {
            Set<String> names = new TreeSet<>();
            for (String n : ftp.names(server().path(sub))) {
                names.add(n.substring(n.lastIndexOf('/') + 1));
            }
            assertEquals(created, names);
            List<String> lines = ftp.listLines(server().path(sub));
            List<String> mentioned = new ArrayList<>();
            for (String l : lines) {
                for (String c : created) {
                    if (l.endsWith(" " + c)) {
                        mentioned.add(c);
                    }
                }
            }
            assertEquals(created, new TreeSet<>(mentioned), lines.toString());
        }
    }

    @Test
    void activeModeTransfersBothWays() throws IOException {
        byte[] content = Servers.random(100_000, 2);
        try (FtpClient ftp = builder().dataMode(DataMode.ACTIVE).connect()) {
            try (OutputStream out = ftp.store(server().path("active.dat"))) {
                out.write(content);
            }
            try (InputStream in = ftp.retrieve(server().path("active.dat"))) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertTrue(ftp.names(server().folder().isEmpty() ? null : server().folder()).stream().anyMatch(n -> n.endsWith("active.dat")));
        }
    }

    @Test
    void closingADownloadEarlyAbortsAndTheSessionGoesOn() throws IOException {
        byte[] content = Servers.random(8 << 20, 3);
        Files.write(server().files().resolve("big.dat"), content);
        try (FtpClient ftp = connect()) {
            try (InputStream in = ftp.retrieve(server().path("big.dat"))) {
                assertEquals(1000, in.readNBytes(1000).length);
            }
            assertEquals(content.length, ftp.size(server().path("big.dat")));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (InputStream in = ftp.retrieve(server().path("big.dat"))) {
                in.transferTo(all);
            }
            assertArrayEquals(content, all.toByteArray());
        }
    }

    @Test
    void keepAliveNoopsDuringASlowDownloadLeaveTheSessionInStep() throws IOException, InterruptedException {
        byte[] content = Servers.random(2 << 20, 4);
        Files.write(server().files().resolve("slow.dat"), content);
        try (FtpClient ftp = builder().keepAlive(java.time.Duration.ofMillis(100)).connect()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (InputStream in = ftp.retrieve(server().path("slow.dat"))) {
                byte[] buf = new byte[128 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                    Thread.sleep(20); // about 16 chunks, 20 ms each: several NOOPs go out
                }
            }
            assertArrayEquals(content, all.toByteArray());
            assertEquals(content.length, ftp.size(server().path("slow.dat")), "the next reply is SIZE's, not a NOOP's");
            ftp.noop();
        }
    }

    @Test
    void listingsEqualTheFilesTheTestCreated() throws IOException {
        java.nio.file.Path dir = server().files().resolve("entries");
        Files.createDirectories(dir.resolve("a folder"));
        Set<String> created = new TreeSet<>();
        created.add("DIRECTORY a folder");
        for (int i = 0; i < 4; i++) {
            String name = i == 3 ? "name with spaces.txt" : "file-" + i + ".bin";
            Files.write(dir.resolve(name), new byte[i * 1000 + 7]);
            created.add("FILE " + name + " " + (i * 1000 + 7));
        }
        try (FtpClient ftp = connect()) {
            Set<String> listed = new TreeSet<>();
            for (FtpEntry e : ftp.list(server().path("entries"))) {
                listed.add(e.kind() + " " + e.name() + (e.kind() == FtpEntry.Kind.FILE ? " " + e.size().orElseThrow() : ""));
            }
            assertEquals(created, listed, (ftp.features().has("MLST") ? "MLSD" : "LIST") + " from " + server().name());
        }
    }

    @Test
    void storeUniqueRawCommandsAndModificationTimes() throws IOException {
        try (FtpClient ftp = connect()) {
            if (!server().folder().isEmpty()) {
                ftp.changeDirectory(server().folder());
            }
            Set<String> before = new TreeSet<>(ftp.names(null));
            String said = ftp.storeUnique(new java.io.ByteArrayInputStream("unique".getBytes(StandardCharsets.US_ASCII)));
            Set<String> after = new TreeSet<>(ftp.names(null));
            after.removeAll(before);
            assertEquals(1, after.size(), "STOU made one file: " + after + " (the server said " + said + ")");
            String made = after.iterator().next();
            assertEquals("unique", Files.readString(server().files().resolve(made.substring(made.lastIndexOf('/') + 1))));
            assertEquals(200, ftp.command("NOOP").code(), "a raw command and its reply");
            assertTrue(ftp.command("XYZZY").code() >= 500, "an unknown raw command is refused, not thrown");
            java.time.Instant when = java.time.Instant.parse("2021-03-04T05:06:07Z");
            if (ftp.features().has("MFMT")) {
                ftp.setModificationTime(made, when);
                assertEquals(when, ftp.modificationTime(made));
            } else {
                assertEquals(500, assertThrows(FtpReplyException.class, () -> ftp.setModificationTime(made, when)).replyCode());
            }
        }
    }
}
