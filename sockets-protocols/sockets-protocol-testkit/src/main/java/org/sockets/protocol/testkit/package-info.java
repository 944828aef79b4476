/** Test fixtures of the protocol clients. */
package org.sockets.protocol.testkit;
