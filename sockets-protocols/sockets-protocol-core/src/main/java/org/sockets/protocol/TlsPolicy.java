package org.sockets.protocol;

import java.io.IOException;
import java.util.Objects;

/**
 * The one TLS policy for credentials every client follows (decision note
 * {@code docs/decisions/2026-12-06-credential-policy.md}). With credentials and no TLS yet, the
 * client upgrades by itself (STLS, STARTTLS, AUTH TLS) and fails, closing the connection before
 * any credential byte, when the server does not offer the upgrade, refuses it, the handshake
 * fails, or the server skips ahead (IMAP {@code * PREAUTH}, FTP {@code 230} before
 * {@code AUTH TLS}) — as curl's {@code --ssl-reqd} does. Only the explicit plain-text opt-in sends
 * credentials in clear, and then no upgrade is tried unless {@link TlsMode#STARTTLS} is set.
 *
 * {@snippet :
 * ProtocolConnection c = ProtocolConnection.open("pop3", address, options);
 * Replies.pop3(c).expectOk("greeting");
 * TlsPolicy policy = TlsPolicy.of(options);
 * if (policy.upgradeNeeded(c)) {
 *     boolean offered = capabilities(c).contains("STLS");
 *     c = policy.startTls(c, offered, "STLS", conn -> {
 *         conn.send(Command.of("STLS"));
 *         Replies.pop3(conn).expectOk("STLS");
 *     });
 *     // capabilities learnt before TLS are gone: ask again on c
 * }
 * }
 */
public final class TlsPolicy {

    /**
     * Sends the upgrade command and reads the server's answer; returns normally on the go-ahead,
     * throws (a {@link NegativeReplyException}, say) otherwise.
     */
    @FunctionalInterface
    public interface GoAhead {
        /**
         * Asks the server to start TLS.
         *
         * @param plain the plain connection
         * @throws IOException if the server refused or the exchange failed
         */
        void ask(ProtocolConnection plain) throws IOException;
    }

    private final TlsMode mode;

    private TlsPolicy(TlsMode mode) {
        this.mode = mode;
    }

    /**
     * The policy the options ask for.
     *
     * @param options the client options
     * @return the policy
     */
    public static TlsPolicy of(ClientOptions options) {
        return new TlsPolicy(options.effectiveTlsMode());
    }

    /**
     * The TLS mode in force.
     *
     * @return the mode
     */
    public TlsMode mode() {
        return mode;
    }

    /**
     * Whether the client must upgrade {@code c} now: STARTTLS mode and not yet secure.
     *
     * @param c the connection
     * @return {@code true} if {@link #startTls} must run before anything else
     */
    public boolean upgradeNeeded(ProtocolConnection c) {
        return mode == TlsMode.STARTTLS && !c.isSecure();
    }

    /**
     * Upgrades {@code c}: fails if the server does not offer the upgrade, else asks with
     * {@code goAhead} and hands the connection to TLS.
     *
     * @param c          the plain connection
     * @param offered    whether the server announced the upgrade (a capability, an EHLO keyword;
     *                   true where the protocol has no way to announce it)
     * @param capability the upgrade's name, for messages ({@code "STLS"})
     * @param goAhead    sends the command and checks the answer
     * @return the secure connection; {@code c} is retired
     * @throws StartTlsException if not offered, refused, or TLS failed; the connection is closed
     * @throws IOException on I/O failures (the connection is closed)
     */
    public ProtocolConnection startTls(ProtocolConnection c, boolean offered, String capability, GoAhead goAhead)
            throws IOException {
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(goAhead, "goAhead");
        if (!offered) {
            throw c.abandon(new StartTlsException("TLS is required (" + why() + ") but " + c.peerName()
                    + " does not offer " + capability + "; nothing was sent"));
        }
        try {
            goAhead.ask(c);
        } catch (NegativeReplyException refused) {
            throw c.abandon(new StartTlsException("TLS is required (" + why() + ") but " + c.peerName()
                    + " refused " + capability + ": " + refused.code() + " " + refused.text(), refused));
        } catch (IOException failed) {
            c.abandon(failed);
            throw failed;
        }
        return c.startTls();
    }

    /**
     * Fails because the server skipped ahead of the required upgrade (IMAP {@code * PREAUTH}, FTP
     * {@code 230} before {@code AUTH TLS}): closes {@code c} and returns the exception to throw.
     * Call it only when {@link #upgradeNeeded(ProtocolConnection)} is true.
     *
     * @param c    the plain connection
     * @param what what the server did, e.g. {@code "greeted with * PREAUTH"}
     * @return the exception for the caller to throw
     */
    public StartTlsException skippedAhead(ProtocolConnection c, String what) {
        return c.abandon(new StartTlsException("TLS is required (" + why() + ") but " + c.peerName() + " " + what
                + " before TLS was started; the connection was closed and nothing was sent"));
    }

    /**
     * Checks, before a credential is sent, that the connection is secure or plain text was
     * chosen; {@link ProtocolConnection#sendCredential} checks again.
     *
     * @param c the connection
     * @throws PlainTextRefusedException if the credential would go in clear without the opt-in
     */
    public void beforeCredentials(ProtocolConnection c) throws PlainTextRefusedException {
        if (!c.isSecure() && !c.options().plainTextCredentials()) {
            throw c.abandon(new PlainTextRefusedException("refused to send credentials to " + c.peerName()
                    + " without TLS; use TLS, or opt in with ClientOptions.withPlainTextCredentials()"));
        }
    }

    private String why() {
        return "credentials are set";
    }
}
