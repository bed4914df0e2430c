package io.chatspace.rooms;

import java.time.Clock;
import java.util.List;

import io.chatspace.accounts.Account;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Membership of private rooms: the owner adds and removes members; a member may remove
 * themselves (leave). Public rooms are open to everyone and direct rooms always have
 * their two members, so neither is managed here. Every change is announced
 * ({@link MemberAdded}, {@link MemberRemoved}) once it is stored.
 */
@Service
public class RoomMembers {

	private final RoomRepository repository;

	private final Rooms rooms;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RoomMembers(RoomRepository repository, Rooms rooms, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.rooms = rooms;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param room a room the caller may access
	 * @return its members by name (for a public room: those added to it, its creator)
	 */
	public List<Member> list(Room room) {
		return repository.members(room.id(), room.ownerId());
	}

	/**
	 * @param room a room
	 * @return the account ids of its members
	 */
	public List<Long> memberIds(Room room) {
		return repository.memberIds(room.id());
	}

	/**
	 * Adds a member to a private room.
	 * @param room the room
	 * @param caller who asks; must own the room
	 * @param user who is added
	 * @return whether the user was added (false: already a member)
	 * @throws ChatSpaceException {@code forbidden} when the caller does not own the room,
	 * {@code bad_request} when the room is not private
	 */
	public boolean add(Room room, Account caller, Account user) {
		requireManaged(room, caller);
		if (!isOwner(room, caller)) {
			throw new ChatSpaceException(ErrorCode.FORBIDDEN, "only the owner of '" + room.slug() + "' adds members");
		}
		if (repository.isMember(room.id(), user.id())) {
			return false;
		}
		try {
			repository.addMember(room.id(), user.id(), clock.instant());
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		events.publishEvent(new MemberAdded(room.id(), room.slug(), user.id(), user.username()));
		return true;
	}

	/**
	 * Removes a member from a private room. Their sockets stop receiving the room at once
	 * ({@link MemberRemoved}).
	 * @param room the room
	 * @param caller who asks: the owner, or the member themselves (leaving)
	 * @param user who is removed
	 * @throws ChatSpaceException {@code forbidden} when the caller is neither the owner
	 * nor the member; {@code bad_request} when the room is not private or the owner is to
	 * be removed; {@code not_found} when the user is not a member
	 */
	public void remove(Room room, Account caller, Account user) {
		requireManaged(room, caller);
		if (!isOwner(room, caller) && caller.id() != user.id()) {
			throw new ChatSpaceException(ErrorCode.FORBIDDEN,
					"only the owner of '" + room.slug() + "' removes other members");
		}
		if (isOwner(room, user)) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "the owner cannot be removed from their room");
		}
		if (!repository.removeMember(room.id(), user.id())) {
			throw new ChatSpaceException(ErrorCode.NOT_FOUND,
					"'" + user.username() + "' is not a member of '" + room.slug() + "'");
		}
		events.publishEvent(new MemberRemoved(room.id(), room.slug(), user.id(), user.username()));
	}

	/**
	 * @return whether the account owns the room
	 */
	public static boolean isOwner(Room room, Account account) {
		return room.ownerId() != null && room.ownerId() == account.id();
	}

	private void requireManaged(Room room, Account caller) {
		if (!rooms.canAccess(room, caller)) {
			throw new ChatSpaceException(ErrorCode.FORBIDDEN, "you are not a member of '" + room.slug() + "'");
		}
		if (room.kind() != RoomKind.PRIVATE) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST,
					room.kind() == RoomKind.PUBLIC ? "a public room is open to everyone: it has no members to manage"
							: "a direct conversation always has its two members");
		}
	}

}
