package org.sockets.ftp.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.spi.ProtocolProvider;

/**
 * The URL front door's provider for {@code ftp://} (RFC 1738): {@code ftp://user@host:port/a/b/c;type=i}
 * streams file {@code c} of folder {@code a/b}.
 */
public final class FtpProvider implements ProtocolProvider {

    static final Set<String> SCHEMES = Set.of("ftp");

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
        return 21;
    }

    @Override
    public Retrieval open(URI uri, ClientOptions options) throws IOException {
        throw new UnsupportedOperationException("ftp:// is not served yet: " + uri);
    }
}
