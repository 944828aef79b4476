package org.sockets.protocol;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * Opens the stream {@link Endpoint} a protocol client talks over: TCP by default
 * ({@link #tcp()}), a Unix socket ({@link #unixPath(Path)}), or any user transport. The client
 * never opens sockets itself, so every protocol runs over whatever a connector returns.
 *
 * {@snippet :
 * ClientOptions viaDockerSocket = ClientOptions.defaults()
 *         .withConnector(Connector.unixPath(Path.of("/run/docker.sock")));
 * }
 */
@FunctionalInterface
public interface Connector {

    /**
     * Connects to {@code address}.
     *
     * @param address the server's address as the client was given it
     * @param options the connect timeout and Happy Eyeballs settings the client chose
     * @return a connected stream endpoint, which the caller closes
     * @throws IOException if it cannot connect ({@link java.net.SocketTimeoutException} on timeout)
     */
    Endpoint connect(Address address, ConnectOptions options) throws IOException;

    /**
     * TCP through {@link Sockets#connect(Address, ConnectOptions)}: Happy Eyeballs over every
     * address of a host name. The default connector.
     *
     * @return the TCP connector
     */
    static Connector tcp() {
        return Sockets::connect;
    }

    /**
     * A Unix stream socket at {@code path}, whatever address the client names (the address still
     * gives the TLS peer name and the {@code Host} header). Needs {@code org.sockets:sockets-unix}
     * at run time.
     *
     * @param path the socket file
     * @return a connector to that socket
     */
    static Connector unixPath(Path path) {
        Objects.requireNonNull(path, "path");
        Address target = Address.unix(path);
        return (address, options) -> {
            Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM);
            try {
                options.timeout().ifPresent(e::timeout);
                e.connect(target);
                return e;
            } catch (IOException | RuntimeException failed) {
                e.close();
                throw failed;
            }
        };
    }
}
