package io.chatspace.presence;

import java.util.Set;

/**
 * Who is in which room. A user is present in a room while at least one of their sockets
 * has joined it; several sockets of one user count once.
 */
public interface RoomPresence {

	/**
	 * Records that a socket of {@code user} joined {@code room}.
	 * @param room the room's slug
	 * @param user the username
	 * @param socket the socket's id, unique on this node
	 * @return whether this is the user's first socket in the room (the user appeared)
	 */
	boolean enter(String room, String user, String socket);

	/**
	 * Records that a socket left the room (by {@code leave} or by closing).
	 * @param room the room's slug
	 * @param user the username
	 * @param socket the socket's id
	 * @return whether that was the user's last socket in the room (the user disappeared)
	 */
	boolean exit(String room, String user, String socket);

	/**
	 * @param room the room's slug
	 * @return the usernames present in the room, sorted
	 */
	Set<String> online(String room);

}
