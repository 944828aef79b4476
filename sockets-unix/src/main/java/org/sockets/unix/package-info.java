/**
 * What only Unix-domain sockets have, beyond {@link org.sockets.api.Endpoint}:
 * {@link org.sockets.unix.UnixEndpoint} (socket-file options at bind, peer credentials,
 * descriptor passing), {@link org.sockets.unix.Descriptor} and {@link org.sockets.unix.BindOptions}.
 *
 * <p>The transport calls the C library through the Foreign Function and Memory API, so the JVM
 * must grant this module native access: {@code --enable-native-access=org.sockets.unix} on the
 * module path, {@code --enable-native-access=ALL-UNNAMED} on the class path. Without it, opening
 * an endpoint throws {@link IllegalCallerException} naming the flag. It runs on Linux x86_64 and
 * aarch64 only (whose structure layouts were verified); elsewhere opening an endpoint throws
 * {@link UnsupportedOperationException}.
 */
package org.sockets.unix;
