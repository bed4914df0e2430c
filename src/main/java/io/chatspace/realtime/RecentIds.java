package io.chatspace.realtime;

import java.time.Duration;
import java.util.TreeSet;

import io.chatspace.messaging.MessageIds;

/**
 * The message ids a room's group delivered lately: every id whose time is within
 * {@code window} of the newest one. Drops a message the broker delivers twice (a
 * publisher retrying, a catch-up overlapping the live stream). Not thread-safe.
 */
final class RecentIds {

	private final long windowMillis;

	private final TreeSet<Long> ids = new TreeSet<>();

	RecentIds(Duration window) {
		this.windowMillis = window.toMillis();
	}

	/**
	 * @return whether the id is new (and now remembered)
	 */
	boolean add(long id) {
		if (!ids.add(id)) {
			return false;
		}
		long floor = MessageIds.firstIdAt(MessageIds.timestampOf(ids.last()).minusMillis(windowMillis));
		while (ids.first() < floor) {
			ids.pollFirst();
		}
		return true;
	}

	boolean contains(long id) {
		return ids.contains(id);
	}

	/**
	 * @return the newest id delivered, or {@code 0}
	 */
	long newest() {
		return ids.isEmpty() ? 0 : ids.last();
	}

}
