package org.sockets.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one server of {@code bin/bench ftp}: a vsftpd (the protocol test kit's fixture, anonymous,
 * passive mode) holding {@code pub/big.bin} of the size given (default 1 GiB) and
 * {@value #SMALL_FILES} files of 4 KiB in {@code pub/small/}. Prints
 * {@code FTP <port> <local path of pub>} and serves until its stdin closes, so every client
 * compared (ours, Commons Net, curl) talks to the same server. For the FTPS rows (issue #21) a
 * second vsftpd, the same build with TLS ({@code FtpServer.vsftpdTls}: explicit, session reuse
 * required), serves the same big.bin (a hard link); it is announced as
 * {@code FTPS <port> <CA certificate PEM>}.
 */
public final class FtpBenchServer {

    /** Files in {@code pub/small/}, named {@code f0000} to {@code f0999}. */
    public static final int SMALL_FILES = 1000;
    /** The size of each small file. */
    public static final int SMALL_SIZE = 4096;

    private FtpBenchServer() {
    }

    /**
     * Starts the server and waits for stdin to close.
     *
     * @param args the size of big.bin in MiB (default 1024)
     * @throws IOException if vsftpd cannot start
     */
    public static void main(String[] args) throws IOException {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        try (org.sockets.protocol.testkit.FtpServer ftp = org.sockets.protocol.testkit.FtpServer.vsftpd(false);
             org.sockets.protocol.testkit.FtpServer ftps = org.sockets.protocol.testkit.FtpServer.vsftpdTls(false)) {
            Path pub = ftp.files();
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i * 31 + (i >> 11));
            }
            try (OutputStream out = Files.newOutputStream(pub.resolve("big.bin"))) {
                for (long i = 0; i < mib; i++) {
                    out.write(chunk);
                }
            }
            Files.createDirectories(pub.resolve("small"));
            for (int i = 0; i < SMALL_FILES; i++) {
                Files.write(pub.resolve("small").resolve(String.format("f%04d", i)), java.util.Arrays.copyOf(chunk, SMALL_SIZE));
            }
            Files.createLink(ftps.files().resolve("big.bin"), pub.resolve("big.bin"));
            System.out.println("FTPS " + ftps.port() + " " + org.sockets.testkit.TestCertificates.get().caPem());
            System.out.println("FTP " + ftp.port() + " " + pub);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the script closes our stdin
            }
        }
    }
}
