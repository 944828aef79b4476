/** The service-provider interface of the protocol clients (ProtocolProvider). */
package org.sockets.protocol.spi;
