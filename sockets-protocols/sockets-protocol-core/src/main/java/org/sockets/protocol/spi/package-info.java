/**
 * The service-provider interface of the protocol clients: {@link
 * org.sockets.protocol.spi.ProtocolProvider}, which the URL front door
 * ({@link org.sockets.protocol.Protocols}) finds with {@link java.util.ServiceLoader}. It lives
 * here rather than in {@code org.sockets.api.spi} because {@code open} takes the core's
 * {@link org.sockets.protocol.ClientOptions}; {@code org.sockets.api} keeps the transport SPI.
 */
package org.sockets.protocol.spi;
