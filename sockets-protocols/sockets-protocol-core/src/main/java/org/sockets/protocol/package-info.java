/** The protocol core: connections, readers, the command writer, options, errors. */
package org.sockets.protocol;
