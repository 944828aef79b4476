package org.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.HeaderField;
import org.sockets.protocol.PlainTextRefusedException;

/**
 * What {@link Http1Client#send} does around the bare exchange: the credential checks made before
 * any byte is sent (Basic to the origin under the core's TLS policy, Basic to the proxy under its
 * own opt-in), the proxy's absolute form, {@code Accept-Encoding} and decoding, and the redirect
 * loop with the rules of {@link Redirects}.
 */
final class Sending {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** A redirect's own body is read up to this much so its connection can be reused; past it the connection goes. */
    private static final int DRAIN = 64 * 1024;

    private Sending() {
    }

    static Response send(Pool pool, Request request, ClientOptions options, HttpOptions http) throws IOException {
        if (request.headers().contains("Proxy-Authorization")) {
            throw new IllegalArgumentException("Proxy-Authorization is sent by the client, to the proxy only: give the"
                    + " proxy's credentials with HttpProxy.withCredentials");
        }
        String firstOrigin = Pool.origin(request.uri());
        Request current = request;
        boolean leftOrigin = false;
        for (int hops = 0; ; hops++) {
            Response r = once(pool, current, !leftOrigin, options, http);
            Optional<String> location = r.headers().first("Location");
            if (!http.redirects().enabled() || !REDIRECTS.contains(r.status()) || location.isEmpty()) {
                return decoded(r, http);
            }
            URI from = current.uri();
            URI next = resolve(from, location.get());
            if (next == null) {
                drain(r);
                throw new RedirectException(RedirectException.Reason.UNUSABLE_LOCATION, from, location.get(), hops);
            }
            if (hops >= http.redirects().maxHops()) {
                drain(r);
                throw new RedirectException(RedirectException.Reason.TOO_MANY, from, location.get(), hops);
            }
            if (from.getScheme().equalsIgnoreCase("https") && next.getScheme().equalsIgnoreCase("http")) {
                drain(r);
                throw new RedirectException(RedirectException.Reason.DOWNGRADE, from, location.get(), hops);
            }
            boolean crossOrigin = !Pool.origin(next).equals(Pool.origin(from));
            leftOrigin = leftOrigin || !Pool.origin(next).equals(firstOrigin);
            Request following = follow(current, r.status(), next, crossOrigin, leftOrigin);
            if (following == null) {
                return decoded(r, http); // a 307/308 whose body cannot be sent again: the caller decides
            }
            drain(r);
            current = following;
        }
    }

    /** One exchange: credentials checked before anything is sent, the proxy's form, Accept-Encoding. */
    private static Response once(Pool pool, Request request, boolean sameOrigin, ClientOptions options, HttpOptions http)
            throws IOException {
        boolean https = request.uri().getScheme().equalsIgnoreCase("https");
        List<BasicAuth.Line> credentials = new ArrayList<>(2);
        Optional<Credentials> origin = options.credentials();
        if (origin.isPresent() && sameOrigin && !request.headers().contains("Authorization")) {
            if (!https && !options.plainTextCredentials()) {
                throw new PlainTextRefusedException("refused to send the credentials of " + origin.get().user() + " to "
                        + Pool.origin(request.uri()) + " in clear (Basic authentication over http://); nothing was sent:"
                        + " use https, or opt in with ClientOptions.withPlainTextCredentials()");
            }
            credentials.add(new BasicAuth.Line("Authorization", origin.get()));
        }
        Request r = request;
        if (http.proxy().isPresent()) {
            HttpProxy proxy = http.proxy().get();
            if (proxy.credentials().isPresent()) {
                if (!proxy.plainTextCredentials()) {
                    throw new PlainTextRefusedException("refused to send the proxy credentials of "
                            + proxy.credentials().get().user() + " to " + proxy + " in clear; nothing was sent: opt in"
                            + " with HttpProxy.withPlainTextCredentials()");
                }
                if (!https) {
                    credentials.add(new BasicAuth.Line("Proxy-Authorization", proxy.credentials().get()));
                }
            }
            if (!https && r.target().equals(Wire.originForm(r.uri()))) {
                r = r.withTarget(Proxying.absoluteForm(r.uri()));
            }
        }
        if (http.decoding().enabled() && !r.headers().contains("Accept-Encoding")) {
            r = r.withHeader("Accept-Encoding", "gzip, deflate");
        }
        return pool.send(r, credentials);
    }

    private static Response decoded(Response r, HttpOptions http) {
        return http.decoding().enabled() ? r.decoded(http.decoding()) : r;
    }

    /** The Location resolved against the URL that answered (RFC 9110 §10.2.2), or null if unusable. */
    static URI resolve(URI base, String location) {
        URI next;
        try {
            next = base.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        String scheme = next.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || next.getHost() == null || next.getRawUserInfo() != null) {
            return null;
        }
        if (next.getRawFragment() == null && base.getRawFragment() != null) {
            try {
                next = new URI(next.getScheme(), next.getRawAuthority(), next.getRawPath(), next.getRawQuery(), base.getFragment());
            } catch (URISyntaxException e) {
                return null;
            }
        }
        try {
            Wire.checkUri(next);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return next;
    }

    /** The request a redirect asks for, or null when its body cannot be sent again. */
    private static Request follow(Request current, int status, URI next, boolean crossOrigin, boolean leftOrigin) {
        String method = current.method();
        RequestBody body = current.body();
        boolean toGet = (status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302) && method.equals("POST"));
        if (toGet) {
            method = "GET";
            body = RequestBody.empty();
        } else if (!(body instanceof RequestBody.Empty) && !body.isReplayable()) {
            return null;
        }
        List<HeaderField> kept = new ArrayList<>();
        for (HeaderField f : current.headers().fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            boolean drop = (toGet && name.startsWith("content-"))
                    || (crossOrigin && name.equals("host"))
                    || (leftOrigin && (name.equals("authorization") || name.equals("cookie")));
            if (!drop) {
                kept.add(f);
            }
        }
        return Request.of(method, next).withHeaders(Headers.of(kept)).withBody(body)
                .withExpectContinue(current.expectContinue() && !toGet);
    }

    /** Reads a redirect's body to its end (so the connection goes back to the pool) unless it is long. */
    private static void drain(Response r) {
        try (r; InputStream in = r.rawBody()) {
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while (total <= DRAIN && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // the connection is discarded; the next hop opens another
        }
    }
}
