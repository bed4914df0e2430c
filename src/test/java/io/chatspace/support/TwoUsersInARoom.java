package io.chatspace.support;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.rooms.Rooms;

/**
 * Two newly registered users and a public room the first of them created (so she follows
 * it and may edit its document), for tests against the services on the embedded database.
 *
 * @param ann the room's creator
 * @param bob another user
 * @param room the room
 */
public record TwoUsersInARoom(Account ann, Account bob, Room room) {

	/**
	 * @param accounts where to register the users
	 * @param rooms where to create the room
	 * @return unique users and room (see {@link Names})
	 */
	public static TwoUsersInARoom create(Accounts accounts, Rooms rooms) {
		Account ann = accounts.register(Names.unique("ann"), "password1");
		Account bob = accounts.register(Names.unique("bob"), "password1");
		return new TwoUsersInARoom(ann, bob, rooms.create(Names.unique("room"), RoomKind.PUBLIC, ann));
	}

}
