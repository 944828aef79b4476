package org.sockets.ftp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sockets.ftp.FtpClient;
import org.sockets.ftp.FtpReplyException;
import org.sockets.ftp.TransferType;
import java.net.URI;
import java.util.Set;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * The URL front door's provider for {@code ftp://} (RFC 1738): {@code ftp://user@host:port/a/b/c;type=i}
 * is {@code CWD a}, {@code CWD b}, {@code RETR c} (binary; {@code ;type=a} text with LF line ends),
 * streamed; {@code ;type=d} gives the {@code NLST} names and a path ending in {@code /} the
 * {@code LIST} lines, one per CRLF line. Without a user in the URL the login is anonymous; with
 * one, the credential policy applies: {@code AUTH TLS} unless the options carry the plain-text
 * opt-in. {@code ftps://} is implicit FTPS (TLS from the first byte, port 990) unless the options
 * set another TLS mode; its data connections are protected and resume the control session.
 */
public final class FtpProvider implements ProtocolProvider {

    static final Set<String> SCHEMES = Set.of("ftp", "ftps");
    /** The implicit-FTPS port (the {@code ftps} scheme's default). */
    static final int FTPS_PORT = 990;

    /** The provider ServiceLoader makes. */
    public FtpProvider() {
    }

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    public int defaultPort(String scheme) {
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("the ftp provider does not serve scheme " + scheme);
        }
        return scheme.equals("ftps") ? FTPS_PORT : FtpClient.PORT;
    }

    /** {@code ftps://}: implicit TLS unless the options chose a TLS mode; never none. */
    static ClientOptions ftpsOptions(URI uri, ClientOptions options) {
        if (!"ftps".equalsIgnoreCase(uri.getScheme())) {
            return options;
        }
        if (options.tlsMode().isEmpty()) {
            return options.withTlsMode(TlsMode.IMPLICIT);
        }
        if (options.tlsMode().get() == TlsMode.NONE) {
            throw new IllegalArgumentException("ftps:// needs TLS, and the options set TLS mode NONE: " + uri);
        }
        return options;
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) throws IOException {
        FtpUrl url = FtpUrl.parse(uri); // malformed URLs fail before connecting
        address(uri); // checks the host
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() < 0 ? defaultPort(uri.getScheme().toLowerCase(java.util.Locale.ROOT)) : uri.getPort();
        FtpClient ftp = FtpClient.builder(host).port(port).options(ftpsOptions(uri, options)).connect();
        try {
            for (String folder : url.folders()) {
                ftp.changeDirectory(folder);
            }
            if (url.lists()) {
                List<String> lines = url.type() == 'd'
                        ? ftp.names(url.name().isEmpty() ? null : url.name())
                        : ftp.listLines(null);
                ftp.quit();
                StringBuilder text = new StringBuilder();
                for (String l : lines) {
                    text.append(l).append("\r\n");
                }
                byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
                return Retrieval.of(new ByteArrayInputStream(body), ftp).withLength(body.length).withContentType("text/plain");
            }
            long size = -1;
            if (url.type() == 'a') {
                ftp.transferType(TransferType.ASCII);
            } else {
                try {
                    size = ftp.size(url.name());
                } catch (FtpReplyException unknown) {
                    // SIZE is optional (RFC 3659); the length stays unknown
                }
            }
            InputStream body = ftp.retrieve(url.name());
            // Reading to the end checks the 226; closing after it says QUIT, closing before just drops the session.
            Retrieval r = Retrieval.of(body, () -> {
                try {
                    if (body.read() < 0) {
                        ftp.quit();
                    }
                } catch (IOException ignored) {
                    // the body is what counted
                } finally {
                    ftp.close();
                }
            });
            return size >= 0 ? r.withLength(size) : r;
        } catch (IOException | RuntimeException | Error e) {
            ftp.close();
            throw e;
        }
    }
}
