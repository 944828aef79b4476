/**
 * SASL (RFC 4422) for the protocol clients: one authenticator that picks the strongest mechanism
 * the server offers and the caller allows, and runs its exchange over a protocol's
 * {@link org.sockets.protocol.sasl.SaslTransport}.
 *
 * <p>Mechanisms: the JDK's ({@code javax.security.sasl}: PLAIN, CRAM-MD5, DIGEST-MD5, EXTERNAL,
 * NTLM, GSSAPI) and those written here (LOGIN, XOAUTH2, OAUTHBEARER of RFC 7628, SCRAM-SHA-1 and
 * SCRAM-SHA-256 of RFC 5802 / 7677 without channel binding). Mechanisms are pure: bytes in, bytes
 * out, each outgoing message saying whether it carries a secret, so the protocol's credential path
 * masks it in logs and transcripts and applies the TLS policy.
 */
package org.sockets.protocol.sasl;
