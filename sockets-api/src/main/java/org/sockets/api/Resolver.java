package org.sockets.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into its IP addresses. The system resolver is the default; tests and
 * programs with their own naming inject another (e.g. into {@link ConnectOptions#resolver()}).
 */
@FunctionalInterface
public interface Resolver {

    /**
     * All addresses of a host, in the order the resolver prefers them.
     *
     * @param host a host name
     * @return at least one address
     * @throws UnknownHostException naming the host if it has none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The system's resolver ({@code getaddrinfo} through {@link InetAddress#getAllByName}).
     *
     * @return the system resolver
     */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
