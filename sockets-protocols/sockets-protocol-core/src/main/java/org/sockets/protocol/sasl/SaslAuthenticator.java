package org.sockets.protocol.sasl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;

/**
 * Logs in with SASL: picks the first mechanism of the caller's order that the server offers and
 * that fits the credentials, and runs its exchange over a protocol's {@link SaslTransport}.
 * Immutable and thread-safe; each {@link #authenticate} call is its own exchange.
 *
 * <p>Defaults: the order is {@link SaslMechanism#defaultOrder()}; no extra properties for the
 * JDK's mechanisms (so DIGEST-MD5 uses quality of protection {@code auth}, no security layer; no
 * mechanism here installs one). The exchange ends:
 * <ul>
 *   <li>on the server's success, after the mechanism confirms it (SCRAM and DIGEST-MD5 must have
 *       verified the server's proof, else {@link AuthenticationException} — and since the server
 *       now considers the session logged in, the caller must close the connection);</li>
 *   <li>on the server's failure, with {@link SaslRejectedException} carrying its code and text;</li>
 *   <li>when a challenge cannot be answered: the exchange is cancelled ({@code *}) and the
 *       mechanism's {@link SaslException} is thrown with the server's answer to the cancel;</li>
 *   <li>after {@value #MAX_ROUNDS} challenges, cancelled the same way.</li>
 * </ul>
 *
 * {@snippet :
 * SaslAuthenticator auth = SaslAuthenticator.of(SaslCredentials.password("alice", passwordSupplier))
 *         .allowing(List.of(SaslMechanism.SCRAM_SHA_256, SaslMechanism.PLAIN));
 * SaslMechanism used = auth.authenticate(pop3Transport, capa.saslMechanisms(), "pop", host);
 * }
 */
public final class SaslAuthenticator {

    /** The most challenges one exchange answers (SCRAM needs 2, DIGEST-MD5 2, GSSAPI a few). */
    public static final int MAX_ROUNDS = 16;

    private final SaslCredentials credentials;
    private final List<SaslMechanism> order;
    private final Map<String, ?> jdkProperties;

    private SaslAuthenticator(SaslCredentials credentials, List<SaslMechanism> order, Map<String, ?> jdkProperties) {
        this.credentials = credentials;
        this.order = order;
        this.jdkProperties = jdkProperties;
    }

    /**
     * An authenticator for these credentials, with the default order.
     *
     * @param credentials what to log in with
     * @return the authenticator
     */
    public static SaslAuthenticator of(SaslCredentials credentials) {
        return new SaslAuthenticator(Objects.requireNonNull(credentials, "credentials"), SaslMechanism.defaultOrder(), Map.of());
    }

    /**
     * The same, allowing only these mechanisms, tried in this order.
     *
     * @param order the allowed mechanisms, preferred first; not empty, no repeats
     * @return a new authenticator
     * @throws IllegalArgumentException if empty, with repeats, or if none fits the credentials
     */
    public SaslAuthenticator allowing(List<SaslMechanism> order) {
        List<SaslMechanism> copy = List.copyOf(order);
        if (copy.isEmpty() || EnumSet.copyOf(copy).size() != copy.size()) {
            throw new IllegalArgumentException("the allowed SASL mechanisms must be non-empty, without repeats: " + order);
        }
        if (copy.stream().noneMatch(m -> m.accepts(credentials))) {
            throw new IllegalArgumentException("none of the allowed SASL mechanisms " + copy + " can use " + credentials);
        }
        return new SaslAuthenticator(credentials, copy, jdkProperties);
    }

    /**
     * The same, with properties for the JDK's mechanisms ({@link javax.security.sasl.Sasl}'s
     * {@code QOP}, {@code SERVER_AUTH}, GSSAPI's settings); ignored by the mechanisms written here.
     *
     * @param properties the properties (copied)
     * @return a new authenticator
     */
    public SaslAuthenticator withJdkProperties(Map<String, ?> properties) {
        return new SaslAuthenticator(credentials, order, Map.copyOf(properties));
    }

    /** {@return the allowed mechanisms, preferred first} */
    public List<SaslMechanism> order() {
        return order;
    }

    /**
     * The mechanism {@link #authenticate} would use.
     *
     * @param offered the mechanism names the server lists (any letter case; unknown names ignored)
     * @return the first allowed mechanism that is offered and fits the credentials, if any
     */
    public Optional<SaslMechanism> choose(Collection<String> offered) {
        Set<String> names = offered.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        return order.stream().filter(m -> names.contains(m.saslName()) && m.accepts(credentials)).findFirst();
    }

    /**
     * Starts one exchange of a mechanism, to be driven by the caller.
     *
     * @param mechanism the mechanism
     * @param service   the protocol's GSSAPI service name ({@code pop}, {@code imap}, {@code smtp}, ...)
     * @param host      the server's host name (DIGEST-MD5's digest-uri, GSSAPI's principal, OAUTHBEARER's host)
     * @return the exchange; close it
     * @throws SaslException if the JDK has no client for it
     * @throws IllegalArgumentException if the mechanism does not fit the credentials
     */
    public SaslExchange start(SaslMechanism mechanism, String service, String host) throws SaslException {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(host, "host");
        if (!mechanism.accepts(credentials)) {
            throw new IllegalArgumentException(mechanism + " cannot log in with " + credentials);
        }
        return switch (mechanism) {
            case SCRAM_SHA_1, SCRAM_SHA_256 -> new ScramExchange(mechanism, credentials);
            case LOGIN -> new LoginExchange(credentials);
            case OAUTHBEARER, XOAUTH2 -> new OAuthExchange(mechanism, credentials, host);
            case PLAIN, CRAM_MD5, DIGEST_MD5, EXTERNAL, NTLM, GSSAPI -> JdkExchange.create(mechanism, credentials, service, host, jdkProperties);
        };
    }

    /**
     * Logs in: chooses the mechanism ({@link #choose}) and runs its exchange over the transport.
     *
     * @param transport how the protocol carries the exchange
     * @param offered   the mechanism names the server lists
     * @param service   the protocol's service name ({@code pop}, {@code imap}, {@code smtp}, {@code nntp})
     * @param host      the server's host name
     * @return the mechanism that logged in
     * @throws SaslException before anything is sent, if no allowed mechanism is offered; or when
     *         the mechanism cannot go on (malformed challenge, server proof missing or wrong:
     *         {@link AuthenticationException}, after which the connection must be closed)
     * @throws SaslRejectedException if the server refused, with its text
     * @throws IOException if the transport fails
     */
    public SaslMechanism authenticate(SaslTransport transport, Collection<String> offered, String service, String host)
            throws IOException {
        SaslMechanism mechanism = choose(offered).orElseThrow(() -> new SaslException("no SASL mechanism both offered by the server "
                + offered + " and allowed " + order.stream().filter(m -> m.accepts(credentials)).toList() + " for " + credentials));
        try (SaslExchange exchange = start(mechanism, service, host)) {
            run(exchange, transport);
        }
        return mechanism;
    }

    /**
     * Runs an exchange already started over the transport, to the server's success.
     *
     * @param exchange  the exchange, not yet begun
     * @param transport the protocol's transport
     * @throws SaslException         as for {@link #authenticate}
     * @throws SaslRejectedException if the server refused
     * @throws IOException           if the transport fails
     */
    public static void run(SaslExchange exchange, SaslTransport transport) throws IOException {
        SaslMechanism mechanism = exchange.mechanism();
        Optional<SaslResponse> initial = exchange.initialResponse();
        boolean initialPending = initial.isPresent() && !transport.initialResponseAllowed();
        SaslReply reply = transport.start(mechanism, initialPending ? Optional.empty() : initial);
        if (!initialPending) {
            initial.ifPresent(SaslResponse::wipeIfSecret);
        }
        for (int round = 0; ; round++) {
            switch (reply) {
                case SaslReply.Failure f -> throw new SaslRejectedException(mechanism, f.code(), f.text(), exchange.serverError().orElse(null));
                case SaslReply.Success s -> {
                    exchange.complete(s.additionalData());
                    return;
                }
                case SaslReply.Challenge c -> {
                    if (round >= MAX_ROUNDS) {
                        throw cancelled(transport, exchange, new SaslException(mechanism + ": more than " + MAX_ROUNDS + " challenges"));
                    }
                    SaslResponse response;
                    if (initialPending) {
                        // RFC 4422 section 5: without an initial response in the command, the
                        // server's first challenge is empty and the initial response answers it.
                        initialPending = false;
                        if (c.data().length != 0) {
                            throw cancelled(transport, exchange, new SaslException(mechanism
                                    + ": the server's first challenge to a client-first mechanism is not empty: \""
                                    + LoginExchange.printable(c.data()) + "\""));
                        }
                        response = initial.orElseThrow();
                    } else {
                        try {
                            response = exchange.respond(c.data());
                        } catch (SaslException e) {
                            throw cancelled(transport, exchange, e);
                        }
                    }
                    reply = transport.respond(response);
                    response.wipeIfSecret();
                }
            }
        }
    }

    /** Cancels the exchange and builds the exception to throw, with the server's answer to the cancel. */
    private static IOException cancelled(SaslTransport transport, SaslExchange exchange, SaslException cause) {
        SaslReply after;
        try {
            after = transport.cancel();
        } catch (IOException e) {
            // The mechanism's failure is the news; the connection's is secondary.
            cause.addSuppressed(e);
            return cause;
        }
        String text = switch (after) {
            case SaslReply.Failure f -> f.code() + " " + f.text();
            case SaslReply.Success s -> "success (!)";
            case SaslReply.Challenge c -> "another challenge";
        };
        if (after instanceof SaslReply.Failure f && exchange.serverError().isPresent()) {
            // The server itself said why (SCRAM e=): a refusal, not our failure.
            SaslRejectedException r = new SaslRejectedException(exchange.mechanism(), f.code(), f.text(), exchange.serverError().get());
            r.initCause(cause);
            return r;
        }
        String message = cause.getMessage() + "; cancelled, the server answered: " + text;
        SaslException e = cause instanceof AuthenticationException ? new AuthenticationException(message, cause) : new SaslException(message, cause);
        return e;
    }

    @Override
    public String toString() {
        return "SaslAuthenticator[" + credentials + ", order=" + new ArrayList<>(order) + "]";
    }
}
