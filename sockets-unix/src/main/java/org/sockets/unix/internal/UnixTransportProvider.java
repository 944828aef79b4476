package org.sockets.unix.internal;

import java.io.IOException;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.spi.TransportProvider;

/**
 * Provides UNIX STREAM, DGRAM and SEQPACKET endpoints (and socket pairs of each) on the Foreign
 * Function and Memory API.
 *
 * <p>It claims every UNIX pair on every platform, so that asking for one on an unsupported
 * platform, or without native access, gets a message saying exactly that rather than "add
 * sockets-unix".
 */
public final class UnixTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UnixTransportProvider() {
    }

    @Override
    public String name() {
        return "unix";
    }

    @Override
    public boolean supports(Family family, SocketType type) {
        return family == Family.UNIX;
    }

    /**
     * Checks the platform and the native-access grant before anything links to the C library.
     *
     * @throws UnsupportedOperationException on a platform whose layouts were not verified
     * @throws IllegalCallerException without {@code --enable-native-access}
     */
    static void checkUsable() {
        Platform.arch();
        Platform.checkNativeAccess();
    }

    @Override
    public Endpoint open(Family family, SocketType type) throws IOException {
        check(family, type);
        return UnixSockets.open(type);
    }

    @Override
    public EndpointPair pair(Family family, SocketType type) throws IOException {
        check(family, type);
        UnixSockets.Pair p = UnixSockets.pair(type);
        return new EndpointPair(p.first(), p.second());
    }

    private void check(Family family, SocketType type) {
        if (!supports(family, type)) {
            throw new IllegalArgumentException("unix transport serves UNIX/STREAM, UNIX/DGRAM and UNIX/SEQPACKET, not " + family + "/" + type);
        }
        checkUsable();
    }
}
