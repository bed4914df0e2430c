package io.chatspace.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.accounts.Account;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.Messages;
import io.chatspace.rooms.DirectRooms;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.rooms.RoomMembers;
import io.chatspace.rooms.Rooms;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Read markers and unread counts.
 * <p>
 * A user <em>follows</em> a room when they are a member of it (private and direct rooms,
 * the creator of a public room) or have read it (a {@code read} sets a marker, so opening
 * a public room follows it). Unread counts are kept for followed rooms only: the messages
 * by others with an id above the user's marker (0 when there is none yet), counted up to
 * {@link #MAX_UNREAD}.
 * <p>
 * Counts are carried forward (per user and room, on this node): messages are never
 * deleted, so with an unchanged marker a count only grows, and the count of the messages
 * older than {@code chatspace.inbox.late-commit-window} (which can no longer change) is
 * kept with the id it reaches. The next count reads only the messages after that id: the
 * ones that settled since, added to the kept part, and the newest ones, read afresh. A
 * moved marker starts over; a kept part at {@link #MAX_UNREAD} needs no reading at all. A
 * room nobody reads then costs a few rows per count instead of up to {@link #MAX_UNREAD}.
 */
@Service
public class Inbox {

	/** The most unread messages counted in one room; a count of this means "or more". */
	public static final int MAX_UNREAD = 1000;

	private final ReadMarkers markers;

	private final Rooms rooms;

	private final RoomMembers members;

	private final DirectRooms directRooms;

	private final Messages messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration lateCommitWindow;

	// user and room -> the settled part of their count
	private final Cache<UserRoom, Settled> settled = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	Inbox(ReadMarkers markers, Rooms rooms, RoomMembers members, DirectRooms directRooms, Messages messages,
			ApplicationEventPublisher events, Clock clock, InboxProperties properties) {
		this.lateCommitWindow = properties.lateCommitWindow();
		this.markers = markers;
		this.rooms = rooms;
		this.members = members;
		this.directRooms = directRooms;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Moves the reader's marker forward to {@code id} (never back, never past the room's
	 * newest message). Announces {@link ReadMarkerMoved} when it moved.
	 * @param reader the reader, who may access the room
	 * @param room the room
	 * @param id the highest message id the reader has seen
	 * @return whether the marker moved
	 */
	public boolean markRead(Account reader, Room room, long id) {
		OptionalLong newest = messages.latestId(room);
		long target = newest.isPresent() ? Math.min(id, newest.getAsLong()) : 0;
		if (!markers.advance(reader.id(), room.id(), target, clock.instant())) {
			return false;
		}
		events.publishEvent(new ReadMarkerMoved(reader.id(), room.id(), room.slug(), target));
		return true;
	}

	/**
	 * @param account the caller
	 * @return every room the caller can see (public rooms, and the private and direct
	 * rooms they are a member of), by name, with unread counts
	 */
	public List<Conversation> conversations(Account account) {
		Map<Long, String> partners = directRooms.partners(account);
		Map<Long, Long> read = markers.of(account.id());
		List<Conversation> list = new ArrayList<>();
		for (Room room : rooms.visibleTo(account)) {
			list.add(view(account, room, partners.get(room.id()), read.get(room.id())));
		}
		list.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
		return list;
	}

	/**
	 * @param account a user who may access the room
	 * @param room the room
	 * @return the room as it appears in the user's list
	 */
	public Conversation conversation(Account account, Room room) {
		String with = room.kind() == RoomKind.DIRECT ? directRooms.partner(room, account).orElse(null) : null;
		return view(account, room, with, markers.find(account.id(), room.id()).orElse(null));
	}

	/**
	 * @param room a room
	 * @return the account ids of the users who follow it: its members and everyone with a
	 * read marker in it
	 */
	public Set<Long> followers(Room room) {
		Set<Long> followers = new LinkedHashSet<>(members.memberIds(room));
		followers.addAll(markers.readers(room.id()));
		return followers;
	}

	private int count(Account account, Room room, long marker, long newest) {
		UserRoom key = new UserRoom(account.id(), room.id());
		Settled known = settled.getIfPresent(key);
		Settled part = known != null && known.marker() == marker ? known : new Settled(marker, marker, 0);
		// every message up to here is visible for good: its id is older than the window
		long settledUpTo = Math.min(newest, MessageIds.firstIdAt(clock.instant().minus(lateCommitWindow)) - 1);
		if (settledUpTo > part.upTo() && part.count() < MAX_UNREAD) {
			part = new Settled(marker, settledUpTo, part.count()
					+ messages.countUnread(room, part.upTo(), settledUpTo, account, MAX_UNREAD - part.count()));
		}
		if (part != known) {
			settled.put(key, part);
		}
		if (part.count() >= MAX_UNREAD || newest <= part.upTo()) {
			return Math.min(part.count(), MAX_UNREAD);
		}
		return part.count() + messages.countUnread(room, part.upTo(), newest, account, MAX_UNREAD - part.count());
	}

	private record UserRoom(long userId, long roomId) {
	}

	/**
	 * @param marker the read marker (0 for none) the count starts from
	 * @param upTo the id up to which the messages are counted
	 * @param count the messages by others in {@code (marker, upTo]}, at most
	 * {@link #MAX_UNREAD}
	 */
	private record Settled(long marker, long upTo, int count) {
	}

	private Conversation view(Account account, Room room, String with, Long marker) {
		String name = with != null ? with : room.name();
		boolean follows = room.kind() != RoomKind.PUBLIC || marker != null || RoomMembers.isOwner(room, account);
		if (!follows) {
			return new Conversation(room, room.slug(), name, room.kind(), with, 0, null);
		}
		OptionalLong newest = messages.latestId(room);
		long from = marker == null ? 0 : marker;
		int unread = newest.isPresent() && newest.getAsLong() > from ? count(account, room, from, newest.getAsLong())
				: 0;
		return new Conversation(room, room.slug(), name, room.kind(), with, unread,
				newest.isPresent() ? Long.toString(newest.getAsLong()) : null);
	}

}
