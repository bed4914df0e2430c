package io.chatspace.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coalescing state machine of server-wide presence, without threads or clocks of its
 * own: sockets come and go at any time; {@link #flush(Instant)} decides what to announce.
 * A user is announced online at the first flush that finds a socket of theirs open, and
 * offline at the first flush after their last socket has been closed for the grace
 * period. A user who connects and disconnects between two flushes, or comes back within
 * the grace period, causes no announcement at all. Thread-safe.
 */
final class PresenceLedger {

	private final Duration grace;

	// guarded by this
	private final Map<String, UserState> users = new HashMap<>();

	// users announced online
	private final Set<String> announced = new TreeSet<>();

	// users whose state may differ from what was announced
	private final Set<String> pending = new HashSet<>();

	PresenceLedger(Duration grace) {
		this.grace = grace;
	}

	synchronized void connect(String user, String socket) {
		UserState state = users.computeIfAbsent(user, u -> new UserState());
		state.sockets.add(socket);
		state.lastClosed = null;
		pending.add(user);
	}

	synchronized void disconnect(String user, String socket, Instant now) {
		UserState state = users.get(user);
		if (state == null || !state.sockets.remove(socket) || !state.sockets.isEmpty()) {
			return;
		}
		state.lastClosed = now;
		pending.add(user);
	}

	/**
	 * @return what to announce now: the users who came online and those who went offline
	 * since the last flush
	 */
	synchronized Changes flush(Instant now) {
		List<String> online = new ArrayList<>();
		List<String> offline = new ArrayList<>();
		for (Iterator<String> it = pending.iterator(); it.hasNext();) {
			String user = it.next();
			UserState state = users.get(user);
			boolean open = state != null && !state.sockets.isEmpty();
			boolean inGrace = state != null && !open && state.lastClosed != null
					&& now.isBefore(state.lastClosed.plus(grace));
			if (open) {
				if (announced.add(user)) {
					online.add(user);
				}
				it.remove();
			}
			else if (inGrace && announced.contains(user)) {
				// wait: the user may come back before the grace period ends
			}
			else {
				if (announced.remove(user)) {
					offline.add(user);
				}
				users.remove(user);
				it.remove();
			}
		}
		Collections.sort(online);
		Collections.sort(offline);
		return new Changes(online, offline);
	}

	synchronized Set<String> announced() {
		return Collections.unmodifiableSet(new TreeSet<>(announced));
	}

	synchronized boolean isAnnounced(String user) {
		return announced.contains(user);
	}

	/** What one flush announces. */
	record Changes(List<String> online, List<String> offline) {

		boolean isEmpty() {
			return online.isEmpty() && offline.isEmpty();
		}

	}

	private static final class UserState {

		final Set<String> sockets = new HashSet<>();

		Instant lastClosed;

	}

}
