package org.sockets.protocol;

/**
 * No protocol provider on the module path or class path serves a URL's scheme: the program is
 * deployed without the module it needs. The message names the scheme, the module to add and the
 * providers that were found (and any that failed to load), as
 * {@code "no protocol provider for scheme 'pop3s': add org.sockets:sockets-pop3 (module
 * org.sockets.pop3); providers found: none"}.
 */
public class ProtocolNotFoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The scheme asked for, lower case. */
    private final String scheme;

    /**
     * Creates the exception.
     *
     * @param scheme  the scheme asked for
     * @param message what was asked for, what to add, what was found
     */
    public ProtocolNotFoundException(String scheme, String message) {
        super(message);
        this.scheme = scheme;
    }

    /**
     * The scheme no provider serves.
     *
     * @return the scheme, lower case
     */
    public String scheme() {
        return scheme;
    }
}
