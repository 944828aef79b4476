package org.sockets.protocol.spi;

import java.util.Set;

/**
 * A protocol client found with {@link java.util.ServiceLoader} for the URL front door: the
 * schemes it serves. (The {@code open} operation and the front door come with the URL issue.)
 */
public interface ProtocolProvider {

    /**
     * The URL schemes this provider serves, lower case ({@code "pop3"}, {@code "pop3s"}).
     *
     * @return the schemes
     */
    Set<String> schemes();
}
