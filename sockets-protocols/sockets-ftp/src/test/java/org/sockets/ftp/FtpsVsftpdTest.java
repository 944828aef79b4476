package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;
import org.sockets.tls.TlsOptions;

/**
 * FTPS against vsftpd 3.0.3 with {@code require_ssl_reuse=YES}: explicit and implicit, passive and
 * active, TLS 1.2 and TLS 1.3. vsftpd answers {@code 522} to any data connection that does not
 * resume the control connection's session, so each accepted transfer is the server's own proof;
 * the test checks the client side too (the data session is the control session, resumed).
 */
@ExtendWith(NoDescriptorLeaks.class)
class FtpsVsftpdTest {

    static FtpServer explicit;
    static FtpServer implicit;

    @BeforeAll
    static void start() throws IOException {
        explicit = FtpServer.vsftpdTls(false);
        implicit = FtpServer.vsftpdTls(true);
    }

    @AfterAll
    static void stop() {
        if (explicit != null) {
            explicit.close();
        }
        if (implicit != null) {
            implicit.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(TlsMode.STARTTLS, TlsMode.IMPLICIT).flatMap(mode -> Stream.of(DataMode.PASSIVE, DataMode.ACTIVE)
                .flatMap(data -> Stream.of("TLSv1.2", "TLSv1.3").map(p -> Arguments.of(mode, data, p))));
    }

    /**
     * Options for FTPS with {@code mode}, trusting the test CA, only {@code protocol}; for TLS 1.2
     * a context without TLS 1.2 tickets (see {@link Resumption#statefulTls12Context()}).
     */
    static ClientOptions ftps(TlsMode mode, String protocol) throws IOException {
        TlsOptions tls = protocol.equals("TLSv1.2")
                ? TlsOptions.defaults().withSslContext(Resumption.statefulTls12Context())
                : TlsOptions.defaults().withTrustedCertificates(TestCertificates.get().caPem());
        return Servers.options().withTlsMode(mode).withTls(tls.withProtocols(protocol));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void everyTransferResumesTheControlSession(TlsMode mode, DataMode data, String protocol) throws IOException {
        FtpServer server = mode == TlsMode.IMPLICIT ? implicit : explicit;
        byte[] content = Servers.random(200_000, protocol.hashCode() + mode.ordinal() * 7L + data.ordinal());
        String name = "tls-" + mode + "-" + data + "-" + protocol + ".bin";
        try (FtpClient ftp = FtpClient.builder(server.host()).port(server.port()).options(ftps(mode, protocol))
                .dataMode(data).connect()) {
            SSLSession control = ftp.ftps().controlSession();
            assertNotNull(control, "the control connection is TLS");
            assertEquals(protocol, control.getProtocol());
            assertTrue(ftp.ftps().protectsData(), "PROT P accepted");

            try (OutputStream out = ftp.store(server.path(name))) {
                out.write(content);
            }
            Resumption.assertResumed(control, ftp.ftps().lastDataSession(), "STOR");
            assertArrayEquals(content, Files.readAllBytes(server.files().resolve(name)), "what vsftpd stored");

            try (InputStream in = ftp.retrieve(server.path(name))) {
                assertArrayEquals(content, in.readAllBytes());
            }
            Resumption.assertResumed(control, ftp.ftps().lastDataSession(), "RETR");

            List<String> names = ftp.names(server.folder());
            assertTrue(names.stream().anyMatch(n -> n.endsWith(name)), names.toString());
            Resumption.assertResumed(control, ftp.ftps().lastDataSession(), "NLST");
            ftp.quit();
        }
    }

    /**
     * The limit the TLS 1.2 cases work around: with the JDK's default context a TLS 1.2 client
     * offers session tickets, vsftpd issues one with a lifetime of 2^31-1 s, the JDK discards it
     * (over 7 days), and no data connection can resume: vsftpd answers 522, which the transfer
     * error carries. This also shows that the server really enforces reuse.
     */
    @org.junit.jupiter.api.Test
    void tls12WithTheDefaultTicketsCannotResumeAndVsftpdSays522() throws IOException {
        ClientOptions o = Servers.options().withTlsMode(TlsMode.STARTTLS).withTls(TlsOptions.defaults()
                .withTrustedCertificates(TestCertificates.get().caPem()).withProtocols("TLSv1.2"));
        try (FtpClient ftp = FtpClient.builder(explicit.host()).port(explicit.port()).options(o).connect()) {
            Files.write(explicit.files().resolve("refused.bin"), new byte[1000]);
            FtpTransferException e = org.junit.jupiter.api.Assertions.assertThrows(FtpTransferException.class, () -> {
                try (InputStream in = ftp.retrieve(explicit.path("refused.bin"))) {
                    in.readAllBytes();
                }
            });
            assertEquals(522, e.reply().orElseThrow().code(), e.toString());
        }
    }

    static final String FTP_TLS = """
            import ftplib, hashlib, ssl, sys
            ctx = ssl.create_default_context(cafile=sys.argv[3])
            f = ftplib.FTP_TLS(context=ctx, timeout=10)
            f.connect(sys.argv[1], int(sys.argv[2]))
            f.login()
            f.prot_p()
            print("TLS " + f.sock.version())
            try:
                h = hashlib.sha256()
                f.retrbinary("RETR " + sys.argv[4], h.update)
                print("SHA " + h.hexdigest())
            except ftplib.error_perm as e:
                print("REFUSED " + str(e))
            try:
                f.quit()
            except EOFError:
                print("CLOSED by the server after the 522")
            """;

    /**
     * Python's stock {@code ftplib.FTP_TLS} does not resume the control session on data
     * connections, so this vsftpd refuses every transfer with 522; the same RETR by this client
     * passes, with the same bytes as on disk.
     */
    @org.junit.jupiter.api.Test
    void pythonsFtpTlsGets522WhereThisClientTransfers() throws IOException {
        byte[] content = Servers.random(50_000, 522);
        Files.write(explicit.files().resolve("py.bin"), content);
        List<String> out;
        try (org.sockets.testkit.PeerProcess py = org.sockets.testkit.PeerProcess.start(
                org.sockets.testkit.Peers.program("python3").toString(), "-c", FTP_TLS, explicit.host(),
                Integer.toString(explicit.port()), TestCertificates.get().caPem().toString(), explicit.path("py.bin"))) {
            out = py.awaitExit(java.time.Duration.ofSeconds(60));
            assertEquals(0, py.exitValue(), "ftplib: " + out);
        }
        assertTrue(out.contains("TLS TLSv1.3"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("REFUSED 522") && l.contains("session reuse required")), out.toString());
        try (FtpClient ftp = FtpClient.builder(explicit.host()).port(explicit.port()).options(ftps(TlsMode.STARTTLS, "TLSv1.3"))
                .connect()) {
            try (InputStream in = ftp.retrieve(explicit.path("py.bin"))) {
                assertEquals(Servers.sha256(content), Servers.sha256(in.readAllBytes()));
            }
            Resumption.assertResumed(ftp.ftps().controlSession(), ftp.ftps().lastDataSession(), "RETR");
        }
    }

    @org.junit.jupiter.api.Test
    void ftpsUrlsAreImplicitFtpsThroughTheProvider() throws IOException {
        byte[] content = Servers.random(70_000, 990);
        Files.write(implicit.files().resolve("url.bin"), content);
        ClientOptions o = Servers.options().withTrustedCertificates(TestCertificates.get().caPem());
        java.net.URI url = java.net.URI.create("ftps://" + implicit.host() + ":" + implicit.port() + "/pub/url.bin");
        try (org.sockets.protocol.Retrieval r = org.sockets.protocol.Protocols.open(url, o)) {
            assertArrayEquals(content, r.body().readAllBytes());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.sockets.protocol.Protocols.open(url, o.withTlsMode(TlsMode.NONE)));
        // ftp:// with a TLS mode set is explicit FTPS (AUTH TLS) against the other listener.
        Files.write(explicit.files().resolve("url.bin"), content);
        java.net.URI plain = java.net.URI.create("ftp://" + explicit.host() + ":" + explicit.port() + "/pub/url.bin");
        try (org.sockets.protocol.Retrieval r = org.sockets.protocol.Protocols.open(plain, o.withTlsMode(TlsMode.STARTTLS))) {
            assertArrayEquals(content, r.body().readAllBytes());
        }
    }

    @org.junit.jupiter.api.Test
    void typeADownloadsOverTlsHandTheCallerLf() throws IOException {
        String text = "line one\nline two\n\nlast line\n";
        Files.writeString(explicit.files().resolve("a.txt"), text);
        try (FtpClient ftp = FtpClient.builder(explicit.host()).port(explicit.port()).options(ftps(TlsMode.STARTTLS, "TLSv1.3")).connect()) {
            ftp.transferType(TransferType.ASCII);
            try (InputStream in = ftp.retrieve(explicit.path("a.txt"))) {
                assertEquals(text, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
            }
            Resumption.assertResumed(ftp.ftps().controlSession(), ftp.ftps().lastDataSession(), "RETR in TYPE A");
        }
    }

    /** vsftpd has no CCC: asking for it fails the connect with the server's refusal, nothing is left open. */
    @org.junit.jupiter.api.Test
    void cccWhereTheServerHasNoneFailsTheConnect() throws IOException {
        FtpReplyException e = org.junit.jupiter.api.Assertions.assertThrows(FtpReplyException.class,
                () -> FtpClient.builder(explicit.host()).port(explicit.port()).options(ftps(TlsMode.STARTTLS, "TLSv1.3"))
                        .clearCommandChannel(true).connect());
        assertTrue(e.replyCode() >= 500, e.toString());
    }

    /** Closing a protected download early aborts it (ABOR); the session and its resumption go on. */
    @org.junit.jupiter.api.Test
    void closingAProtectedDownloadEarlyAbortsAndTheSessionGoesOn() throws IOException {
        byte[] content = Servers.random(8 << 20, 426);
        Files.write(explicit.files().resolve("abort.bin"), content);
        try (FtpClient ftp = FtpClient.builder(explicit.host()).port(explicit.port()).options(ftps(TlsMode.STARTTLS, "TLSv1.3"))
                .connect()) {
            try (InputStream in = ftp.retrieve(explicit.path("abort.bin"))) {
                assertEquals(1000, in.readNBytes(1000).length);
            }
            assertEquals(content.length, ftp.size(explicit.path("abort.bin")));
            try (InputStream in = ftp.retrieve(explicit.path("abort.bin"))) {
                assertEquals(Servers.sha256(content), Servers.sha256(in.readAllBytes()));
            }
            Resumption.assertResumed(ftp.ftps().controlSession(), ftp.ftps().lastDataSession(), "RETR after ABOR");
            ftp.quit();
        }
    }
}
