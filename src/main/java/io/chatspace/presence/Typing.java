package io.chatspace.presence;

import java.time.Duration;

/**
 * Who may be announced as typing now: at most one {@code typing} notice per user per room
 * per interval is relayed. In this process for one node, in Redis (shared by every node)
 * for many.
 */
public interface Typing {

	/**
	 * @param room the room's slug
	 * @param user the username
	 * @param interval the least time between two relayed notices of the user in the room
	 * @return whether this notice is to be relayed
	 */
	boolean relay(String room, String user, Duration interval);

}
