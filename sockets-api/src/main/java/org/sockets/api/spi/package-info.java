/**
 * The service-provider interface: what a transport implements to be found by
 * {@link org.sockets.api.Sockets}, helpers that any transport may use (checks and messages,
 * {@link org.sockets.api.spi.EndpointSupport}), and the base of an endpoint that wraps another
 * ({@link org.sockets.api.spi.ForwardingEndpoint}: TLS, metering, test doubles). A transport
 * needs nothing else from sockets-api:
 * the readiness machinery of the transports on JDK channels is internal to them (see
 * docs/decisions/2026-12-06-internal-export.md).
 */
package org.sockets.api.spi;
