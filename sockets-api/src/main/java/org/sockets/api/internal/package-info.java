/**
 * Internal: the readiness machinery of the transports on JDK channels (turns, waits, the shared
 * poller, address conversion). Not API: sockets-api exports this package only to
 * {@code org.sockets.tcp} and {@code org.sockets.udp}; a transport of one's own needs only
 * {@link org.sockets.api.spi}. See docs/decisions/2026-12-06-internal-export.md.
 */
package org.sockets.api.internal;
