package io.chatspace.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.rooms.Room;

/**
 * The newest messages of each recently read room, in memory, so that the reads every
 * {@code join} makes (the latest page, or the messages after a resumed id), the first
 * pages of scrolling back, and the newest id an unread count needs do not each go to the
 * {@link MessageStore}. A room's <em>tail</em> is a contiguous suffix of its log: every
 * message with an id at or above the tail's first one is in it, oldest first. A read the
 * tail cannot answer in full goes to the store.
 * <p>
 * Only correct where this node is the only writer of the log (the default, embedded
 * profile; a node alone with PostgreSQL or Cassandra): the tail learns of new messages
 * from the group-commit writer, which calls {@link #appended} after the commit and before
 * it announces them. A reader that subscribed to a room's events first and reads here
 * after therefore gets every message either from the tail or live, as with the store. A
 * tail is loaded from the store under a lock that the writer's update takes too, so that
 * a commit racing the load is either in what the load read or appended after it. With
 * several nodes ({@code chatspace.messaging.recent-per-room=0}, set by the {@code redis}
 * profile) every read goes to the store.
 * <p>
 * Bounded twice: at most {@code recent-per-room} messages per room, and at most
 * {@code recent-cache-size} of message bodies (two bytes per character, plus a fixed
 * per-message share) over all rooms; the least recently used rooms are dropped first.
 */
final class RecentMessages {

	/** Bytes counted per message besides its body (object headers, id, names, time). */
	private static final int PER_MESSAGE = 128;

	/**
	 * Bytes counted per room: an empty tail weighs something too (Caffeine never evicts
	 * an entry of weight 0).
	 */
	private static final int PER_ROOM = 64;

	private static final int STRIPES = 64;

	private final MessageStore store;

	private final int perRoom;

	private final Cache<Long, Tail> tails;

	private final Object[] locks = new Object[STRIPES];

	/**
	 * @param store the message log the tails are loaded from
	 * @param perRoom the most messages kept per room; 0 keeps none (every read goes to
	 * the store)
	 * @param maxBytes the most bytes of messages kept over all rooms (estimated)
	 */
	RecentMessages(MessageStore store, int perRoom, long maxBytes) {
		this.store = store;
		this.perRoom = Math.max(0, perRoom);
		this.tails = Caffeine.newBuilder()
			.maximumWeight(Math.max(0, maxBytes))
			.weigher((Long room, Tail tail) -> tail.weight())
			.build();
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new Object();
		}
	}

	/**
	 * @param room the room
	 * @param limit the most messages to return (at least 1)
	 * @return the newest {@code limit} messages, oldest first
	 */
	List<Message> latest(Room room, int limit) {
		return before(room, Long.MAX_VALUE, limit);
	}

	/**
	 * @param room the room
	 * @param beforeId exclusive upper bound of ids
	 * @param limit the most messages to return (at least 1)
	 * @return the newest {@code limit} messages with an id below {@code beforeId}, oldest
	 * first
	 */
	List<Message> before(Room room, long beforeId, int limit) {
		Tail tail = tail(room);
		// the tail is a suffix of the log: if it holds `limit` messages below beforeId,
		// they are the newest ones
		int below = tail == null ? 0 : tail.indexFrom(beforeId);
		if (tail == null || (below < limit && !tail.whole)) {
			return store.before(room, beforeId, limit);
		}
		return List.of(Arrays.copyOfRange(tail.messages, Math.max(0, below - limit), below));
	}

	/**
	 * @param room the room
	 * @param afterId exclusive lower bound of ids
	 * @param limit the most messages to return
	 * @return the oldest {@code limit} messages with an id above {@code afterId}, oldest
	 * first
	 */
	List<Message> after(Room room, long afterId, int limit) {
		Tail tail = tail(room);
		if (tail == null || !tail.covers(afterId)) {
			return store.after(room, afterId, limit);
		}
		int from = tail.indexAfter(afterId);
		int to = (int) Math.min(tail.messages.length, (long) from + Math.max(0, limit));
		return List.of(Arrays.copyOfRange(tail.messages, from, to));
	}

	/**
	 * @param room the room
	 * @return the id of its newest message, if it has any
	 */
	OptionalLong latestId(Room room) {
		List<Message> newest = latest(room, 1);
		return newest.isEmpty() ? OptionalLong.empty() : OptionalLong.of(newest.getFirst().id());
	}

	/**
	 * Adds committed messages to the tails of their rooms that are in memory. Called by
	 * the writer after the commit and before the messages are announced.
	 * @param messages the newly stored messages with their rooms' ids, in id order
	 */
	void appended(List<Stored> messages) {
		if (perRoom == 0 || messages.isEmpty()) {
			return;
		}
		Map<Long, List<Message>> byRoom = new LinkedHashMap<>();
		for (Stored stored : messages) {
			byRoom.computeIfAbsent(stored.roomId(), r -> new ArrayList<>()).add(stored.message());
		}
		byRoom.forEach((roomId, added) -> {
			synchronized (lock(roomId)) {
				Tail tail = tails.getIfPresent(roomId);
				if (tail != null) {
					tails.put(roomId, tail.plus(added, perRoom));
				}
			}
		});
	}

	/**
	 * Drops the tails of rooms whose log changed in a way the writer cannot append (a
	 * failed batch a store may have kept part of, a kept message announced late): their
	 * next read loads them from the store again.
	 * @param roomIds the rooms' database ids
	 */
	void forget(Collection<Long> roomIds) {
		for (long roomId : roomIds) {
			synchronized (lock(roomId)) {
				tails.invalidate(roomId);
			}
		}
	}

	private Tail tail(Room room) {
		if (perRoom == 0) {
			return null;
		}
		Tail tail = tails.getIfPresent(room.id());
		if (tail != null) {
			return tail;
		}
		synchronized (lock(room.id())) {
			tail = tails.getIfPresent(room.id());
			if (tail == null) {
				List<Message> newest = store.before(room, Long.MAX_VALUE, perRoom);
				tail = Tail.of(newest.toArray(Message[]::new), newest.size() < perRoom);
				tails.put(room.id(), tail);
			}
			return tail;
		}
	}

	private Object lock(long roomId) {
		return locks[(int) Math.floorMod(roomId, (long) STRIPES)];
	}

	/**
	 * A newly stored message and its room.
	 *
	 * @param roomId the room's database id
	 * @param message the message
	 */
	record Stored(long roomId, Message message) {
	}

	/**
	 * A room's newest messages, oldest first; immutable.
	 *
	 * @param messages ascending ids; every message of the room with an id at or above the
	 * first one's is here
	 * @param whole whether the room has no message older than the first one
	 * @param weight the estimated bytes it takes (the cache's weigher), carried forward
	 * by {@link #plus} instead of summed again over every message
	 */
	record Tail(Message[] messages, boolean whole, int weight) {

		/** Whether every message with an id above {@code afterId} is here. */
		boolean covers(long afterId) {
			return whole || (messages.length > 0 && afterId >= messages[0].id());
		}

		/** The index of the first message with an id above {@code afterId}. */
		int indexAfter(long afterId) {
			return afterId == Long.MAX_VALUE ? messages.length : indexFrom(afterId + 1);
		}

		/** The index of the first message with an id at or above {@code id}. */
		int indexFrom(long id) {
			int low = 0;
			int high = messages.length;
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (messages[mid].id() < id) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

		Tail plus(List<Message> added, int perRoom) {
			long last = messages.length == 0 ? Long.MIN_VALUE : messages[messages.length - 1].id();
			Message[] fresh = new Message[added.size()];
			int count = 0;
			for (Message message : added) {
				// the load may already have read a message committed while it ran
				if (message.id() > last) {
					fresh[count++] = message;
					last = message.id();
				}
			}
			int size = messages.length + count;
			int drop = Math.max(0, size - perRoom);
			Message[] all = new Message[size - drop];
			int kept = Math.max(0, messages.length - drop);
			System.arraycopy(messages, messages.length - kept, all, 0, kept);
			System.arraycopy(fresh, count - (all.length - kept), all, kept, all.length - kept);
			// the weight carried forward: what left the tail out, what entered it in
			long bytes = weight;
			for (int i = 0; i < messages.length - kept; i++) {
				bytes -= weigh(messages[i]);
			}
			for (int i = kept; i < all.length; i++) {
				bytes += weigh(all[i]);
			}
			return new Tail(all, whole && drop == 0, clamp(bytes));
		}

		static Tail of(Message[] messages, boolean whole) {
			long bytes = PER_ROOM;
			for (Message message : messages) {
				bytes += weigh(message);
			}
			return new Tail(messages, whole, clamp(bytes));
		}

		private static long weigh(Message message) {
			return PER_MESSAGE + 2L * message.body().length();
		}

		private static int clamp(long bytes) {
			return (int) Math.min(Integer.MAX_VALUE, bytes);
		}

	}

}
