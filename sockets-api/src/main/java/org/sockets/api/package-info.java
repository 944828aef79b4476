/**
 * Python's {@code socket} module as Java types: {@link org.sockets.api.Sockets} (the module
 * functions), {@link org.sockets.api.Endpoint} (the socket object), {@link org.sockets.api.Address}
 * (every address form), {@link org.sockets.api.Family} and {@link org.sockets.api.SocketType}.
 */
package org.sockets.api;
