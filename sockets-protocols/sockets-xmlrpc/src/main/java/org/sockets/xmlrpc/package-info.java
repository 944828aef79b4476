/**
 * An XML-RPC client: {@link org.sockets.xmlrpc.XmlRpcClient}, built from an {@code http},
 * {@code https} URL (or a Unix socket through the protocol core's
 * {@link org.sockets.protocol.Connector}), with the core's
 * {@link org.sockets.protocol.ClientOptions}, {@link org.sockets.xmlrpc.XmlRpcLimits} and the
 * {@code allowNone} switch.
 *
 * <p>Types, both ways (Python's {@code xmlrpc.client} with {@code use_builtin_types=True}):
 * <table>
 * <caption>XML-RPC types and their Java types</caption>
 * <tr><th>XML-RPC</th><th>sent from</th><th>received as</th></tr>
 * <tr><td>{@code int}, {@code i4}</td><td>{@link java.lang.Integer}, {@link java.lang.Short},
 *     {@link java.lang.Byte}, a {@link java.lang.Long} within 32 bits</td><td>{@link java.lang.Integer}</td></tr>
 * <tr><td>{@code i8}</td><td>never (as Python: a larger {@code Long} is refused)</td><td>{@link java.lang.Long}</td></tr>
 * <tr><td>{@code boolean}</td><td>{@link java.lang.Boolean}</td><td>{@link java.lang.Boolean}</td></tr>
 * <tr><td>{@code string} (or an untyped value)</td><td>{@link java.lang.String}</td><td>{@link java.lang.String}</td></tr>
 * <tr><td>{@code double}</td><td>{@link java.lang.Double}, {@link java.lang.Float}; finite only</td><td>{@link java.lang.Double}</td></tr>
 * <tr><td>{@code dateTime.iso8601}</td><td>{@link java.time.LocalDateTime} in whole seconds, years 0–9999</td><td>{@link java.time.LocalDateTime}</td></tr>
 * <tr><td>{@code base64}</td><td>{@code byte[]}</td><td>{@code byte[]}</td></tr>
 * <tr><td>{@code struct}</td><td>{@link java.util.Map} with {@code String} keys</td><td>an unmodifiable {@code Map<String, Object>} in document order</td></tr>
 * <tr><td>{@code array}</td><td>{@link java.util.List}, {@code Object[]}</td><td>an unmodifiable {@code List<Object>}</td></tr>
 * <tr><td>{@code nil}</td><td>{@code null}, only with {@code allowNone}</td><td>{@code null}, only with {@code allowNone}</td></tr>
 * </table>
 */
package org.sockets.xmlrpc;
