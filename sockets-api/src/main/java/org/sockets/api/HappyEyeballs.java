package org.sockets.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Happy Eyeballs (RFC 8305) over any stream transport: the candidates of
 * {@link Sockets#connect(Address, ConnectOptions)}, interleaved by family, and the race between
 * their connection attempts.
 */
final class HappyEyeballs {

    private record Outcome(Endpoint endpoint, Address address, IOException failure) {
    }

    private HappyEyeballs() {
    }

    static List<Address> candidates(Address remote, ConnectOptions o) throws UnknownHostException {
        return switch (remote) {
            case Address.Host h -> interleave(Sockets.resolve(o.resolver(), h.name(), h.port(), o.family().orElse(null)));
            // "" reaches this host; with a family asked for, over that family's loopback
            case Address.Any any -> List.of(Address.of(o.family().isEmpty() ? InetAddress.getLoopbackAddress()
                    : InetAddress.ofLiteral(o.family().get() == Family.INET6 ? "::1" : "127.0.0.1"), any.port()));
            case Address.Ip ip -> {
                if (o.family().isPresent() && o.family().get() != ip.family()) {
                    throw new IllegalArgumentException("connect: " + ip + " is not an " + o.family().get() + " address");
                }
                yield List.of(ip);
            }
            default -> List.of(remote);
        };
    }

    /** RFC 8305 section 4: alternate families, starting with the resolver's first. */
    static List<Address> interleave(List<Address.Ip> ips) {
        List<Address.Ip> first = new ArrayList<>();
        List<Address.Ip> other = new ArrayList<>();
        Family lead = ips.getFirst().family();
        for (Address.Ip ip : ips) {
            (ip.family() == lead ? first : other).add(ip);
        }
        List<Address> out = new ArrayList<>(ips.size());
        for (int i = 0; i < Math.max(first.size(), other.size()); i++) {
            if (i < first.size()) {
                out.add(first.get(i));
            }
            if (i < other.size()) {
                out.add(other.get(i));
            }
        }
        return out;
    }

    static Endpoint attempt(Address address, ConnectOptions o) throws IOException {
        Family family = address.family() != null ? address.family() : Family.INET;
        Endpoint e = Sockets.open(family, SocketType.STREAM);
        try {
            o.timeout().ifPresent(e::timeout);
            if (o.source().isPresent()) {
                e.bind(o.source().get());
            }
            e.connect(address);
            return e;
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    static Endpoint race(Address remote, List<Address> candidates, ConnectOptions o) throws IOException {
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        List<Endpoint> opened = new ArrayList<>();
        Object lock = new Object();
        boolean[] done = {false};
        List<IOException> failures = new ArrayList<>();
        Endpoint winner = null;
        int started = 0;
        int finished = 0;
        // A Deadline, not nanoTime arithmetic: an attempt delay too long for the clock
        // (ChronoUnit.FOREVER) means "never start the next attempt early", not an overflow.
        Deadline nextStart = Deadline.after(Duration.ZERO);
        try {
            while (winner == null && finished < candidates.size()) {
                if (started < candidates.size() && (started == finished || nextStart.hasPassed())) {
                    Address a = candidates.get(started++);
                    nextStart = Deadline.after(o.attemptDelay());
                    Thread.ofVirtual().name("happy-eyeballs " + a).start(() -> outcomes.add(connectOne(a, o, opened, lock, done)));
                    continue;
                }
                Outcome out = started < candidates.size()
                        ? outcomes.poll(nextStart.remainingNanos(), TimeUnit.NANOSECONDS)
                        : outcomes.take();
                if (out == null) {
                    continue;
                }
                finished++;
                if (out.endpoint() != null) {
                    winner = out.endpoint();
                } else {
                    failures.add(out.failure());
                    nextStart = Deadline.after(Duration.ZERO); // a failure starts the next attempt at once
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("connect to " + remote + " interrupted");
        } finally {
            synchronized (lock) {
                done[0] = true;
                for (Endpoint e : opened) {
                    if (e != winner) {
                        e.close(); // wakes attempts still connecting
                    }
                }
            }
        }
        if (winner != null) {
            return winner;
        }
        throw combine(remote, candidates, failures);
    }

    private static Outcome connectOne(Address a, ConnectOptions o, List<Endpoint> opened, Object lock, boolean[] done) {
        Endpoint e = null;
        try {
            e = Sockets.open(a.family(), SocketType.STREAM);
            synchronized (lock) {
                if (done[0]) {
                    e.close();
                    return new Outcome(null, a, new InterruptedIOException("cancelled"));
                }
                opened.add(e);
            }
            o.timeout().ifPresent(e::timeout);
            if (o.source().isPresent()) {
                e.bind(o.source().get());
            }
            e.connect(a);
            return new Outcome(e, a, null);
        } catch (IOException ex) {
            if (e != null) {
                e.close();
            }
            return new Outcome(null, a, ex);
        } catch (RuntimeException ex) {
            if (e != null) {
                e.close();
            }
            return new Outcome(null, a, new IOException(a + ": " + ex, ex));
        }
    }

    private static IOException combine(Address remote, List<Address> candidates, List<IOException> failures) {
        boolean allTimedOut = !failures.isEmpty() && failures.stream().allMatch(f -> f instanceof SocketTimeoutException);
        StringBuilder msg = new StringBuilder("could not connect to ").append(remote)
                .append(allTimedOut ? ": every attempt timed out" : "").append(" (tried ");
        for (int i = 0; i < failures.size(); i++) {
            msg.append(i == 0 ? "" : "; ").append(failures.get(i).getMessage());
        }
        msg.append(")");
        IOException ex = allTimedOut ? new SocketTimeoutException(msg.toString()) : new ConnectException(msg.toString());
        failures.forEach(ex::addSuppressed);
        return ex;
    }
}
