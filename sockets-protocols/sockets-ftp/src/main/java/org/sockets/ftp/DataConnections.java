package org.sockets.ftp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.protocol.Command;
import org.sockets.protocol.Connector;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Reply;
import org.sockets.protocol.TransferProgress;

/**
 * The one place data connections are made, passive or active. FTPS wraps what {@link Pending#open}
 * returns; nothing else in the control opens a socket. See the decision note
 * {@code docs/decisions/2026-12-06-ftp-data-connections.md}.
 */
final class DataConnections {

    /** A data connection on its way: connected (passive) or awaited (active). */
    interface Pending extends AutoCloseable {
        /**
         * The connected data endpoint, after the server's 1xx reply.
         *
         * @return the endpoint, which the caller owns
         * @throws IOException if it cannot be had within the read timeout
         */
        Endpoint open() throws IOException;

        @Override
        void close();
    }

    private final Control control;
    private final FtpClient.Settings settings;
    /** The control connection's peer: an IP address, or a Unix path. */
    private final Address controlPeer;
    private final Address controlLocal;
    /** FTPS: protects data connections after PROT P; set once by the client. */
    Ftps ftps;
    private boolean epsvRefused;
    private boolean eprtRefused;

    DataConnections(Control control, FtpClient.Settings settings, Address controlPeer, Address controlLocal) {
        this.control = control;
        this.settings = settings;
        this.controlPeer = controlPeer;
        this.controlLocal = controlLocal;
    }

    boolean unixControl() {
        return !(controlPeer instanceof Address.Ip);
    }

    /** Checked before anything is sent. */
    void checkMode() {
        if (settings.dataMode() == DataMode.ACTIVE && unixControl()) {
            throw new IllegalStateException("active mode needs an IP control connection, and this one is "
                    + controlPeer + ": the server cannot connect back; use DataMode.PASSIVE");
        }
    }

    private static final Pattern SIZE_IN_150 = Pattern.compile("\\((\\d{1,18}) bytes\\)");

    /** Opens a data connection, sends the transfer command, waits for the 1xx and the connection. */
    DataTransfer begin(Command cmd, long offset, long knownTotal, TransferProgress progress) throws IOException {
        try (Pending pending = prepare()) {
            if (offset > 0) {
                control.expect(Command.of("REST", Long.toString(offset)), 350, 350);
            }
            Reply r = control.ask(cmd);
            if (r.code() >= 200) {
                throw new FtpReplyException(cmd.toString(), r);
            }
            long total = knownTotal;
            Matcher m = SIZE_IN_150.matcher(r.text());
            if (total < 0 && m.find()) {
                total = offset + Long.parseLong(m.group(1));
            }
            Endpoint e = secure(pending.open(), total < 0 ? -1 : total - offset, cmd);
            DataTransfer t = new DataTransfer(control, e, cmd.toString(), offset, total, progress, r.text());
            control.opened(t);
            return t;
        }
    }

    /** FTPS wraps the data endpoint in TLS (PROT P); plain FTP hands it on. */
    private Endpoint secure(Endpoint raw, long expected, Command cmd) throws IOException {
        return ftps == null ? raw : ftps.protect(raw, expected, control, cmd.toString());
    }

    private Pending prepare() throws IOException {
        checkMode();
        return settings.dataMode() == DataMode.PASSIVE ? passive() : active();
    }

    // ------------------------------------------------------------------ passive

    private Pending passive() throws IOException {
        ProtocolConnection c = control.connection();
        int port = -1;
        String announced = null;
        boolean ipv6 = controlPeer instanceof Address.Ip ip && ip.ip() instanceof Inet6Address;
        if (!epsvRefused) {
            Reply r = control.ask(Command.of("EPSV"));
            if (r.code() == 229) {
                port = DataAddresses.epsv(r);
            } else if (r.code() >= 500 && !ipv6) {
                epsvRefused = true; // RFC 2428 servers answer 500/502; fall back to PASV from now on
            } else {
                throw new FtpReplyException("EPSV", r);
            }
        }
        if (port < 0) {
            Reply r = control.ask(Command.of("PASV"));
            if (r.code() != 227) {
                throw new FtpReplyException("PASV", r);
            }
            DataAddresses.Announced a = DataAddresses.pasv(r);
            port = a.port();
            announced = a.host();
        }
        Address target;
        Connector connector;
        if (unixControl()) {
            target = Address.of(settings.dataHost(), port);
            connector = settings.dataConnector() != null ? settings.dataConnector() : Connector.tcp();
        } else {
            Address.Ip peer = (Address.Ip) controlPeer;
            if (announced != null && settings.trustPassiveHost()) {
                target = Address.of(announced, port);
            } else {
                // CVE-2021-4189 / CVE-2021-37533: a PASV host is the server's claim; the peer is a fact.
                if (announced != null && !announced.equals(peer.ip().getHostAddress())) {
                    control.log().debug("PASV named {}; connecting to the control peer {} instead", announced, peer.ip().getHostAddress());
                }
                target = Address.of(peer.ip(), port);
            }
            connector = settings.dataConnector() != null ? settings.dataConnector() : c.options().connector();
        }
        Endpoint e = connector.connect(target, ConnectOptions.defaults().withTimeout(c.options().connectTimeout()));
        if (e == null) {
            throw new IllegalStateException("the connector returned null for " + target);
        }
        return new Pending() {
            private boolean handed;

            @Override
            public Endpoint open() {
                handed = true;
                return e;
            }

            @Override
            public void close() {
                if (!handed) {
                    e.close();
                }
            }
        };
    }

    // ------------------------------------------------------------------ active

    private Pending active() throws IOException {
        InetAddress local = ((Address.Ip) controlLocal).ip();
        InetAddress peer = ((Address.Ip) controlPeer).ip();
        Endpoint listener = Sockets.listen(Address.of(local, 0));
        try {
            int port = ((Address.Ip) listener.localAddress()).port();
            boolean sent = false;
            if (!eprtRefused) {
                Reply r = control.ask(Command.of("EPRT", DataAddresses.eprt(local, port)));
                if (r.code() == 200) {
                    sent = true;
                } else if (r.code() >= 500 && local instanceof Inet4Address) {
                    eprtRefused = true;
                } else {
                    throw new FtpReplyException("EPRT", r);
                }
            }
            if (!sent) {
                Reply r = control.ask(Command.of("PORT", DataAddresses.port(local, port)));
                if (r.code() != 200) {
                    throw new FtpReplyException("PORT", r);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            listener.close();
            throw e;
        }
        Duration wait = control.connection().options().readTimeout();
        return new Pending() {
            @Override
            public Endpoint open() throws IOException {
                Deadline deadline = Deadline.after(wait);
                List<String> refused = new ArrayList<>();
                try {
                    while (true) {
                        long left = deadline.remainingNanos();
                        if (left <= 0) {
                            throw new SocketTimeoutException("no data connection from " + peer.getHostAddress() + " within "
                                    + Deadline.describe(wait) + (refused.isEmpty() ? "" : "; refused connections from " + refused));
                        }
                        listener.timeout(Duration.ofNanos(left));
                        Endpoint d;
                        try {
                            d = listener.accept();
                        } catch (SocketTimeoutException t) {
                            continue; // the deadline check above says so with the details
                        }
                        Address from = d.peerAddress();
                        if (from instanceof Address.Ip ip && ip.ip().equals(peer)) {
                            return d;
                        }
                        // Only the server may connect: anyone else could feed or read the file.
                        refused.add(from instanceof Address.Ip ip ? ip.ip().getHostAddress() : from.toString());
                        control.log().debug("refused a data connection from {}: not the control peer {}", from, peer.getHostAddress());
                        d.close();
                        if (refused.size() >= 16) {
                            throw new FtpTransferException("active-mode data connection (refused " + refused.size()
                                    + " connections from other addresses: " + refused + ")", 0, null, null);
                        }
                    }
                } finally {
                    listener.close();
                }
            }

            @Override
            public void close() {
                listener.close();
            }
        };
    }
}
