package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;
import org.sockets.tls.TlsOptions;

/**
 * FTPS against proftpd 1.3.8's mod_tls, which requires data connections to resume the control
 * session by default and logs, for each, whether it did: passive and active, TLS 1.2 and 1.3,
 * with a password (so TLS is required by the credential policy, no plain-text opt-in), and CCC.
 */
@ExtendWith(NoDescriptorLeaks.class)
class FtpsProftpdTest {

    static FtpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = FtpServer.proftpdTls();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(DataMode.PASSIVE, DataMode.ACTIVE).flatMap(d -> Stream.of("TLSv1.2", "TLSv1.3").map(p -> Arguments.of(d, p)));
    }

    /** The user's credentials and nothing about TLS but trust: the policy makes it AUTH TLS. */
    static ClientOptions options(String protocol) throws IOException {
        return Servers.options().withCredentials(FtpServer.USER, FtpServer.PASSWORD::toCharArray)
                .withTls(TlsOptions.defaults().withTrustedCertificates(TestCertificates.get().caPem()).withProtocols(protocol));
    }

    /** The data connections proftpd's TLS log recorded since {@code from}, as (resumed?) flags. */
    static List<String> dataLines(int from) throws IOException {
        List<String> all = server.tlsLog();
        return all.subList(Math.min(from, all.size()), all.size()).stream().filter(l -> l.contains("reused TLS session for data connection")).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyTransferResumesTheControlSession(DataMode data, String protocol) throws IOException {
        byte[] content = Servers.random(150_000, protocol.hashCode() + data.ordinal());
        String name = "tls-" + data + "-" + protocol + ".bin";
        int logFrom = server.tlsLog().size();
        try (FtpClient ftp = FtpClient.builder(server.host()).port(server.port()).options(options(protocol)).dataMode(data).connect()) {
            SSLSession control = ftp.ftps().controlSession();
            assertEquals(protocol, control.getProtocol());
            try (OutputStream out = ftp.store(server.path(name))) {
                out.write(content);
            }
            Resumption.assertResumed(control, ftp.ftps().lastDataSession(), "STOR");
            assertArrayEquals(content, Files.readAllBytes(server.files().resolve(name)));
            try (InputStream in = ftp.retrieve(server.path(name))) {
                assertArrayEquals(content, in.readAllBytes());
            }
            Resumption.assertResumed(control, ftp.ftps().lastDataSession(), "RETR");
            ftp.quit();
        }
        List<String> lines = dataLines(logFrom);
        assertEquals(2, lines.size(), server.tlsLog().subList(logFrom, server.tlsLog().size()).toString());
    }

    @Test
    void clearCommandChannelAfterLoginKeepsDataProtected() throws IOException {
        byte[] content = Servers.random(100_000, 77);
        int logFrom = server.tlsLog().size();
        try (FtpClient ftp = FtpClient.builder(server.host()).port(server.port()).options(options("TLSv1.3"))
                .clearCommandChannel(true).connect()) {
            assertTrue(ftp.ftps().commandChannelCleared());
            SSLSession control = ftp.ftps().controlSession();
            ftp.noop(); // in clear now
            try (OutputStream out = ftp.store(server.path("ccc.bin"))) {
                out.write(content);
            }
            try (InputStream in = ftp.retrieve(server.path("ccc.bin"))) {
                assertArrayEquals(content, in.readAllBytes());
            }
            // Still TLS on data. Resumption is not asserted after CCC: proftpd, its control TLS gone,
            // no longer checks it, and no new TLS 1.3 tickets arrive on a control connection in clear.
            assertEquals(control.getProtocol(), ftp.ftps().lastDataSession().getProtocol());
            assertEquals(content.length, ftp.size(server.path("ccc.bin")));
            ftp.quit();
        }
        List<String> log = server.tlsLog().subList(logFrom, server.tlsLog().size());
        int ccc = 0;
        while (ccc < log.size() && !log.get(ccc).contains("received CCC")) {
            ccc++;
        }
        assertTrue(ccc < log.size(), log.toString());
        // After CCC mod_tls words each data handshake as a "renegotiation accepted": two transfers, two.
        assertEquals(2, log.subList(ccc, log.size()).stream().filter(l -> l.contains("renegotiation accepted")).count(), log.toString());
    }
}
