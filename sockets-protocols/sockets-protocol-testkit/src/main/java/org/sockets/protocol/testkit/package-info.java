/**
 * Test fixtures of the protocol clients (test scope only): {@link org.sockets.protocol.testkit.HostileServer}
 * running a {@link org.sockets.protocol.testkit.Script} — what real servers will not do — on the
 * JDK's channels and SSLEngine, and {@link org.sockets.protocol.testkit.FailingConnector}, whose
 * endpoints fail the N-th I/O call for torture tests.
 */
package org.sockets.protocol.testkit;
