package io.chatspace.presence;

import java.util.Set;

/**
 * Who is online on the whole server. A user is online while at least one of their sockets
 * is open (several tabs count once). Changes are announced as {@link PresenceChanged}
 * events, coalesced: a user whose last socket closes stays online for a short grace
 * period (a page reload or a move between tabs is not news), and the changes of an
 * interval go out together.
 * <p>
 * This is the module's port: in-process for one node now; a Redis implementation (a
 * sorted set of user → expiry renewed by heartbeats) replaces it when the server scales
 * out, behind the same methods and events.
 */
public interface OnlineUsers {

	/**
	 * Records an open socket.
	 * @param user the username (as registered)
	 * @param socket the socket's id, unique across nodes
	 */
	void connected(String user, String socket);

	/**
	 * Records that a socket closed or was dropped. Idempotent.
	 * @param user the username
	 * @param socket the socket's id
	 */
	void disconnected(String user, String socket);

	/**
	 * @return the users announced online, sorted; consistent with the
	 * {@link PresenceChanged} events announced so far
	 */
	Set<String> online();

	/**
	 * @param user a username
	 * @return whether the user is announced online
	 */
	boolean isOnline(String user);

}
