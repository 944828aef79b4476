package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.api.Address;
import org.sockets.api.EndpointPair;
import org.sockets.api.SocketType;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/** Descriptor passing (SCM_RIGHTS) between endpoints of this process. */
@ExtendWith(NoDescriptorLeaks.class)
class FdPassingTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startThePoller() throws IOException {
        // The transport's own epoll descriptor opens on first use and stays: not a per-test leak.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    private static UnixEndpoint first(EndpointPair p) {
        return UnixEndpoint.of(p.first().timeout(Duration.ofSeconds(30)));
    }

    private static UnixEndpoint second(EndpointPair p) {
        return UnixEndpoint.of(p.second().timeout(Duration.ofSeconds(30)));
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) ch.size());
        // Bounded by the file's size.
        while (b.hasRemaining() && ch.read(b) > 0) {
            // keep reading
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static boolean closeOnExec(int fd) throws IOException {
        String flags = Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)).stream()
                .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow().split("\\s+")[1];
        return (Integer.parseInt(flags, 8) & 02000000) != 0;
    }

    @Test
    void aFileTravelsAndIsReadableFromJava() throws IOException {
        Path f = dir.resolve("passed.txt");
        Files.writeString(f, "the content of a passed file");
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM);
             Descriptor file = Descriptor.open(f)) {
            assertEquals(1, first(pair).sendFds(ByteBuffer.wrap(new byte[] {42}), List.of(file)));
            ByteBuffer data = ByteBuffer.allocate(16);
            FdMessage m = second(pair).recvFds(data, 4);
            assertEquals(1, m.length());
            assertEquals(42, data.get(0));
            assertEquals(1, m.descriptors().size());
            assertFalse(m.descriptorsTruncated());
            try (Descriptor got = m.descriptors().getFirst();
                 FileChannel ch = got.openChannel()) {
                assertTrue(got.number() != file.number(), "the receiver has its own number");
                assertEquals(f.toString(), got.target());
                assertFalse(got.isSocket());
                assertTrue(closeOnExec(got.number()), "received descriptors are close-on-exec (MSG_CMSG_CLOEXEC)");
                assertEquals("the content of a passed file", read(ch));
            }
        }
    }

    @Test
    void aWritableFileCanBeWrittenByTheReceiver() throws IOException {
        Path f = dir.resolve("out.txt");
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.SEQPACKET);
             Descriptor file = Descriptor.open(f, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            first(pair).sendFds(ByteBuffer.wrap(new byte[] {1}), List.of(file));
            FdMessage m = second(pair).recvFds(ByteBuffer.allocate(4), 1);
            try (Descriptor got = m.descriptors().getFirst();
                 FileChannel ch = got.openChannel(StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap("written by the receiver".getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertEquals("written by the receiver", Files.readString(f));
    }

    @Test
    void aSocketTravelsAndBecomesAnEndpoint() throws IOException {
        try (EndpointPair carrier = UnixEndpoint.pair(SocketType.STREAM);
             EndpointPair passed = UnixEndpoint.pair(SocketType.STREAM)) {
            try (Descriptor d = Descriptor.of(UnixEndpoint.of(passed.second()))) {
                first(carrier).sendFds(ByteBuffer.wrap(new byte[] {7}), List.of(d));
            }
            passed.second().close(); // only the received copy keeps that end open now
            FdMessage m = second(carrier).recvFds(ByteBuffer.allocate(4), 2);
            Descriptor got = m.descriptors().getFirst();
            assertTrue(got.isSocket(), got.target());
            try (UnixEndpoint e = got.toEndpoint()) {
                assertFalse(got.isOpen(), "toEndpoint hands the socket over");
                assertEquals(SocketType.STREAM, e.type());
                e.timeout(Duration.ofSeconds(30));
                passed.first().timeout(Duration.ofSeconds(30)).sendAll("through a passed socket".getBytes(StandardCharsets.UTF_8));
                assertEquals("through a passed socket", new String(e.recv(100), StandardCharsets.UTF_8));
                e.sendAll(new byte[] {9});
                assertEquals(9, passed.first().recv(1)[0]);
                assertEquals(ProcessHandle.current().pid(), e.peerCredentials().pid());
            } catch (AssertionError | IOException e) {
                got.close();
                throw e;
            }
        }
    }

    @Test
    void descriptorsTheReceiverDoesNotTakeAreNotLeaked() throws IOException {
        Path f = dir.resolve("ignored.txt");
        Files.writeString(f, "x");
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM)) {
            try (Descriptor a = Descriptor.open(f); Descriptor b = Descriptor.open(f); Descriptor c = Descriptor.open(f)) {
                first(pair).sendFds(ByteBuffer.wrap(new byte[] {1}), List.of(a, b, c));
                first(pair).sendFds(ByteBuffer.wrap(new byte[] {2}), List.of(a, b, c));
            }
            int withNothingReceived = Fds.count();
            // A plain recv takes the data; the kernel closes the descriptors it carried.
            assertEquals(1, second(pair).recv(1)[0]);
            assertEquals(withNothingReceived, Fds.count());
            // maxFds 1 of 3: one arrives, the kernel closes two, and the caller is told.
            FdMessage m = second(pair).recvFds(ByteBuffer.allocate(1), 1);
            assertEquals(1, m.descriptors().size());
            assertTrue(m.descriptorsTruncated());
            assertEquals(withNothingReceived + 1, Fds.count());
            m.descriptors().getFirst().close();
        }
    }

    @Test
    void datagramsCarryDescriptorsToAnAddress() throws IOException {
        Path f = dir.resolve("dgram.txt");
        Files.writeString(f, "via dgram");
        Address to = Address.abstractName("sockets-fd-" + UUID.randomUUID());
        try (UnixEndpoint rx = UnixEndpoint.open(SocketType.DGRAM);
             UnixEndpoint tx = UnixEndpoint.open(SocketType.DGRAM);
             Descriptor file = Descriptor.open(f)) {
            rx.bind(to).timeout(Duration.ofSeconds(30));
            tx.bind(Address.unix(dir.resolve("tx.sock")));
            tx.sendFdsTo(ByteBuffer.wrap("hdr".getBytes(StandardCharsets.UTF_8)), List.of(file), to);
            FdMessage m = rx.recvFds(ByteBuffer.allocate(16), 4);
            assertEquals(3, m.length());
            assertEquals(Address.unix(dir.resolve("tx.sock")), m.sender());
            try (Descriptor got = m.descriptors().getFirst(); FileChannel ch = got.openChannel()) {
                assertEquals("via dgram", read(ch));
            }
        }
    }

    @Test
    void misuseIsClear() throws IOException {
        Path f = dir.resolve("m.txt");
        Files.writeString(f, "m");
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM);
             Descriptor file = Descriptor.open(f)) {
            var empty = assertThrows(IllegalArgumentException.class, () -> first(pair).sendFds(ByteBuffer.allocate(0), List.of(file)));
            assertTrue(empty.getMessage().contains("at least one byte"), empty.getMessage());
            try (Descriptor dup = file.duplicate()) {
                var notSocket = assertThrows(IOException.class, dup::toEndpoint);
                assertTrue(notSocket.getMessage().contains("not a socket"), notSocket.getMessage());
                assertTrue(dup.isOpen(), "a failed toEndpoint leaves the descriptor with the caller");
            }
            try (Descriptor sock = Descriptor.of(first(pair))) {
                var ch = assertThrows(IOException.class, sock::openChannel);
                assertTrue(ch.getMessage().contains("toEndpoint"), ch.getMessage());
            }
            Descriptor closed = file.duplicate();
            closed.close();
            assertThrows(IOException.class, () -> first(pair).sendFds(ByteBuffer.wrap(new byte[1]), List.of(closed)));
            assertThrows(java.nio.file.NoSuchFileException.class, () -> Descriptor.open(dir.resolve("absent")));
        }
    }

    @Test
    void anUnreachableDescriptorIsClosedByTheCleaner() throws Exception {
        Path f = dir.resolve("dropped.txt");
        Files.writeString(f, "x");
        int before = Fds.count();
        Descriptor.open(f); // dropped without close: a caller's bug the cleaner mends
        assertEquals(before + 1, Fds.count());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        // Bounded by the deadline: each pass asks for a collection and gives the cleaner time.
        while (Fds.count() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(before, Fds.count());
    }
}
