package org.sockets.api;

/**
 * The credentials of the process at the other end of a connected Unix-domain socket, as the
 * kernel recorded them when the connection was made ({@code SO_PEERCRED}).
 *
 * @param pid the peer's process id
 * @param uid the peer's effective user id
 * @param gid the peer's effective group id
 */
public record PeerCredentials(long pid, long uid, long gid) {
}
