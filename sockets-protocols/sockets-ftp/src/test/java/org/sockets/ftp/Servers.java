package org.sockets.ftp;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.FtpServer;

/** Shared bits of the FTP tests: options, clients for a fixture, content. */
final class Servers {

    private Servers() {
    }

    static ClientOptions options() {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)).withConnectTimeout(Duration.ofSeconds(5));
    }

    /** Options that log in to {@code server}: its user, or anonymous. */
    static ClientOptions options(FtpServer server) {
        ClientOptions o = options();
        return server.needsPassword()
                ? o.withCredentials(FtpServer.USER, FtpServer.PASSWORD::toCharArray).withPlainTextCredentials()
                : o;
    }

    static FtpClientBuilder builder(FtpServer server) {
        return FtpClient.builder(server.host()).port(server.port()).options(options(server));
    }

    static FtpClient connect(FtpServer server) throws IOException {
        return builder(server).connect();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
