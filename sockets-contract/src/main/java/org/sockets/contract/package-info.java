/**
 * The endpoint contract suite: abstract JUnit classes a transport's tests extend to prove it keeps
 * the {@link org.sockets.api.Endpoint} contract.
 *
 * <p>To run it over a transport (the library's own, a layer such as TLS, or one of yours):
 * <ol>
 *   <li>add {@code org.sockets:sockets-contract} to the module's test dependencies (its version
 *       comes from the parent POM);</li>
 *   <li>write one test class per kind of endpoint, extending {@link org.sockets.contract.StreamContract}
 *       or {@link org.sockets.contract.DatagramContract};</li>
 *   <li>return a {@link org.sockets.contract.Transport} from {@code transport()}: a factory of
 *       connected pairs, and of listeners where the transport has them;</li>
 *   <li>implement the class's nested interfaces for what the transport has:
 *       {@link org.sockets.contract.StreamContract.ByteStream},
 *       {@link org.sockets.contract.StreamContract.EmptyMessages},
 *       {@link org.sockets.contract.StreamContract.Listener} (with a listener in the
 *       {@code Transport}), {@link org.sockets.contract.StreamContract.RetractableSends},
 *       {@link org.sockets.contract.DatagramContract.EmptyMessages}. Their tests
 *       ({@code @Test default} methods, which JUnit runs) are the class's only where it implements
 *       them: a test that does not apply is neither run nor reported skipped, so CI's rule of no
 *       skipped tests holds.</li>
 * </ol>
 *
 * {@snippet :
 * // TLS is a byte stream with empty sends; it has no listener of the suite's kind, and a timed-out
 * // send commits its record, so the class leaves out Listener and RetractableSends.
 * class TlsOverTcpContractTest extends StreamContract implements StreamContract.ByteStream, StreamContract.EmptyMessages {
 *     @Override
 *     protected Transport transport() {
 *         // Each pair: a TCP pair with a TLS handshake done over it (both ends ours).
 *         return Transport.of("tls over tcp", TlsPairs::overTcp);
 *     }
 * }
 * }
 *
 * <p>Every test counts descriptors ({@link org.sockets.testkit.NoDescriptorLeaks}); what the
 * transport opens once for the life of the process is opened before the first count by a warm-up
 * ({@code EndpointContract.warmUp}). Tests wait for real events, not fixed sleeps, where they can:
 * a call to be woken is seen blocked in the transport first ({@link org.sockets.contract.Task#awaitBlockedIn}).
 * Each way of waiting ({@link org.sockets.contract.Wait}) and each kind of thread
 * ({@link org.sockets.contract.ThreadKind}) is its own test case, so a failure names the one that
 * broke.
 */
package org.sockets.contract;
