package org.sockets.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sockets.protocol.testkit.WebServer;

/**
 * The one server of {@code bin/bench http}: nginx with one worker and {@code access_log off}
 * (the protocol test kit's fixture), serving {@code /b128.txt} (128 bytes) and {@code /big.bin}
 * ({@value #BIG} bytes, a file on tmpfs, {@code /dev/shm}). Prints {@code HTTP <port>} and serves
 * until its stdin closes, so every client compared (ours, the JDK's HttpClient, curl) talks to the
 * same server.
 */
public final class HttpBenchServer {

    /** The size of the download: 1 GiB. */
    public static final long BIG = 1L << 30;

    private HttpBenchServer() {
    }

    /**
     * Starts the server and waits for stdin to close.
     *
     * @param args none
     * @throws IOException if nginx cannot start or the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path big = Files.createTempFile(Path.of("/dev/shm"), "http-bench", ".bin");
        try (WebServer nginx = WebServer.nginxForBenchmark()) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = Files.newOutputStream(big)) {
                for (long n = 0; n < BIG; n += chunk.length) {
                    out.write(chunk);
                }
            }
            Files.createSymbolicLink(nginx.docroot().resolve("big.bin"), big);
            System.out.println("HTTP " + nginx.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the script closes our stdin
            }
        } finally {
            Files.deleteIfExists(big);
        }
    }
}
