package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.protocol.testkit.CompressionBombs;
import org.sockets.protocol.testkit.EchoSites;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Content-Encoding: nginx's gzip of a file decodes to the file (and the raw body is still there);
 * from the hostile kit, a gzip bomb stops at the ratio limit and at the size limit with the
 * decoding thread's allocation measured flat, and a long coding chain is refused before any byte
 * is decoded; deflate (zlib and raw), corrupt and truncated streams.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DecodingTest {

    static EchoSites sites;
    static byte[] file;
    static final HttpOptions ON = HttpOptions.defaults().withDecoding(ContentDecoding.on());

    @BeforeAll
    static void start() throws IOException {
        sites = EchoSites.start("alice", "wonderland");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            b.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\n");
        }
        file = b.toString().getBytes(StandardCharsets.UTF_8);
        sites.put("gzip/big.txt", file);
        KitTest.warmUp();
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    void nginxsGzipOfAFileDecodesToTheFile() throws IOException {
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), ON);
             Response r = client.get(sites.a("/gzip/big.txt"))) {
            assertEquals("gzip", r.headers().first("Content-Encoding").orElseThrow());
            assertEquals("gzip, deflate", r.request().headers().first("Accept-Encoding").orElseThrow());
            assertTrue(r.isDecoded());
            assertArrayEquals(file, r.bytes());
        }
    }

    @Test
    void theRawBodyStaysAvailable() throws IOException {
        try (Http1Client client = Http1Client.create(ClientOptions.defaults(), ON);
             Response r = client.get(sites.a("/gzip/big.txt"))) {
            byte[] raw = r.rawBody().readAllBytes();
            assertTrue(raw.length < file.length / 4, "compressed: " + raw.length);
            assertArrayEquals(file, new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes());
        }
    }

    @Test
    void offByDefaultNothingIsAskedFor() throws IOException {
        try (Http1Client client = Http1Client.create(); Response r = client.get(sites.a("/gzip/big.txt"))) {
            assertFalse(r.headers().contains("Content-Encoding"));
            assertFalse(r.isDecoded());
            assertArrayEquals(file, r.bytes());
        }
    }

    /** A kit server answering with {@code body} under {@code Content-Encoding: coding}. */
    static HostileServer serving(String coding, byte[] body) throws IOException {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return HostileServer.start(Kit.request(org.sockets.protocol.testkit.Script.of()).send(head).send(body).close());
    }

    /** Bytes this thread has allocated so far (HotSpot's ThreadMXBean; reflective: the test module does not read jdk.management). */
    static long allocated() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no allocation counter on this JVM", e);
        }
    }

    /** Reads the body through a 64 KiB buffer until it fails; returns the failure and the bytes decoded and allocated. */
    static long[] drain(Response r, IOException[] failure) {
        byte[] buf = new byte[64 * 1024];
        long decoded = 0;
        long before = allocated();
        try (InputStream in = r.body()) {
            // Bounded by the body: the bomb's limits end it.
            for (int n; (n = in.read(buf)) > 0; ) {
                decoded += n;
            }
        } catch (IOException e) {
            failure[0] = e;
        }
        return new long[] {decoded, allocated() - before};
    }

    @Test
    void aGzipBombStopsAtTheRatioLimitWithFlatMemory() throws IOException {
        byte[] bomb = CompressionBombs.gzipOfZeros(1L << 30); // 1 GiB of zeros in about a megabyte
        try (HostileServer s = serving("gzip", bomb);
             Http1Client client = Http1Client.create(Kit.options(), ON);
             Response r = client.get(Kit.url(s, "/bomb"))) {
            IOException[] failure = new IOException[1];
            long[] got = drain(r, failure);
            LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure[0]);
            assertEquals(100, e.limit());
            assertTrue(e.getMessage().contains("decompression bomb"), e.getMessage());
            assertTrue(got[0] < 4L << 20, "decoded before the stop: " + got[0]);
            assertTrue(got[1] < 4L << 20, "allocated while decoding: " + got[1]);
            System.out.println("ratio limit: " + got[0] + " bytes decoded, " + got[1] + " bytes allocated by the reading thread");
        }
    }

    @Test
    void aGzipBombWithinTheRatioStopsAtTheSizeLimitWithFlatMemory() throws IOException {
        byte[] bomb = CompressionBombs.gzipOfZeros(1L << 30);
        HttpOptions sized = HttpOptions.defaults().withDecoding(ContentDecoding.on().withMaxRatio(5000).withMaxSize(256L << 20));
        try (HostileServer s = serving("gzip", bomb);
             Http1Client client = Http1Client.create(Kit.options(), sized);
             Response r = client.get(Kit.url(s, "/bomb"))) {
            IOException[] failure = new IOException[1];
            long[] got = drain(r, failure);
            LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure[0]);
            assertEquals(256L << 20, e.limit());
            assertTrue(got[0] >= (255L << 20) && got[0] <= 256L << 20, "decoded before the stop: " + got[0]);
            // 256 MiB went through a 64 KiB buffer; the decoder holds one 8 KiB input buffer and one Inflater.
            assertTrue(got[1] < 8L << 20, "allocated while decoding 256 MiB: " + got[1]);
            System.out.println("size limit: " + got[0] + " bytes decoded, " + got[1] + " bytes allocated by the reading thread");
        }
    }

    @Test
    void aLongCodingChainIsRefusedAndTheRawBodyStaysReadable() throws IOException {
        byte[] content = "hello, chain\n".getBytes(StandardCharsets.UTF_8);
        byte[] coded = CompressionBombs.gzipChain(content, 6);
        try (HostileServer s = serving("gzip, gzip, gzip,gzip, gzip, gzip", coded);
             Http1Client client = Http1Client.create(Kit.options(), ON);
             Response r = client.get(Kit.url(s, "/chain"))) {
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> r.body().read());
            assertEquals(2, e.limit());
            byte[] raw = r.rawBody().readAllBytes();
            assertArrayEquals(coded, raw, "nothing of the raw body was consumed by the refusal");
        }
        try (HostileServer s = serving("gzip, gzip", CompressionBombs.gzipChain(content, 2));
             Http1Client client = Http1Client.create(Kit.options(), ON);
             Response r = client.get(Kit.url(s, "/chain"))) {
            assertArrayEquals(content, r.bytes());
        }
    }

    static byte[] deflate(byte[] content, boolean zlib) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, !zlib);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(content);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    @Test
    void deflateZlibAndRawAndXGzip() throws IOException {
        byte[] content = ("deflated " + "text ".repeat(1000)).getBytes(StandardCharsets.UTF_8);
        for (Object[] c : new Object[][] {{"deflate", deflate(content, true)}, {"deflate", deflate(content, false)},
                {"x-gzip", CompressionBombs.gzip(content)}, {"identity", content}}) {
            try (HostileServer s = serving((String) c[0], (byte[]) c[1]);
                 Http1Client client = Http1Client.create(Kit.options(), ON);
                 Response r = client.get(Kit.url(s, "/d"))) {
                assertArrayEquals(content, r.bytes(), (String) c[0]);
            }
        }
    }

    @Test
    void corruptTruncatedAndUnknownContentAreTypedErrors() throws IOException {
        byte[] gz = CompressionBombs.gzip("some content that is long enough\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 0x5a;
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 12);
        for (Object[] c : new Object[][] {{"gzip", badCrc, MalformedReplyException.class},
                {"gzip", cut, TruncatedTransferException.class}, {"gzip", "not gzip at all".getBytes(StandardCharsets.US_ASCII),
                MalformedReplyException.class}, {"br", gz, MalformedReplyException.class}}) {
            try (HostileServer s = serving((String) c[0], (byte[]) c[1]);
                 Http1Client client = Http1Client.create(Kit.options(), ON)) {
                Response r = client.get(Kit.url(s, "/bad"));
                IOException e = assertThrows(IOException.class, r::bytes);
                assertInstanceOf((Class<?>) c[2], e, e.toString());
            }
        }
    }

    @Test
    void theLimitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ContentDecoding.on().withMaxCodings(0));
        assertThrows(IllegalArgumentException.class, () -> ContentDecoding.on().withMaxSize(0));
        assertThrows(IllegalArgumentException.class, () -> ContentDecoding.on().withMaxRatio(0));
        assertFalse(ContentDecoding.off().enabled());
        assertEquals(new ContentDecoding(true, 2, 1L << 30, 100), ContentDecoding.on());
    }
}
