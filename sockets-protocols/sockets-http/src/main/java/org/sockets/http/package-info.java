/**
 * An HTTP/1.1 client: {@link org.sockets.http.Http1Client} (a pool of persistent connections per
 * origin, built from the protocol core's {@link org.sockets.protocol.ClientOptions} and
 * {@link org.sockets.http.HttpOptions}) sends an immutable {@link org.sockets.http.Request} and
 * returns a {@link org.sockets.http.Response} whose body streams or is read whole up to a limit.
 * {@link org.sockets.http.Http1Client#exchange} makes one exchange over an endpoint the caller
 * already holds. A non-2xx answer becomes an {@link org.sockets.http.HttpStatusException} when
 * asked for ({@link org.sockets.http.Response#requireSuccess()}), as urllib's {@code HTTPError}.
 *
 * <p>Type names stay clear of {@code java.net.http} ({@code HttpClient}, {@code HttpRequest},
 * {@code HttpResponse}, {@code HttpHeaders}), so both can be imported in one file.
 */
package org.sockets.http;
