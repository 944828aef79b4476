/**
 * The service-provider interface: what a transport implements to be found by
 * {@link org.sockets.api.Sockets}, and helpers that transports share.
 */
package org.sockets.api.spi;
