package io.chatspace.presence;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@link RoomPresence} in this process's memory: right for a single node. */
@Component
@Profile("!redis")
class LocalRoomPresence implements RoomPresence {

	// room -> user -> that user's sockets in the room; each room's map is guarded by
	// itself
	private final Map<String, Map<String, Set<String>>> rooms = new ConcurrentHashMap<>();

	@Override
	public boolean enter(String room, String user, String socket) {
		boolean[] first = new boolean[1];
		rooms.compute(room, (r, users) -> {
			Map<String, Set<String>> map = users == null ? new HashMap<>() : users;
			Set<String> sockets = map.computeIfAbsent(user, u -> new HashSet<>());
			first[0] = sockets.isEmpty();
			sockets.add(socket);
			return map;
		});
		return first[0];
	}

	@Override
	public boolean exit(String room, String user, String socket) {
		boolean[] last = new boolean[1];
		rooms.computeIfPresent(room, (r, users) -> {
			Set<String> sockets = users.get(user);
			if (sockets != null && sockets.remove(socket) && sockets.isEmpty()) {
				users.remove(user);
				last[0] = true;
			}
			return users.isEmpty() ? null : users;
		});
		return last[0];
	}

	@Override
	public Set<String> online(String room) {
		Set<String> result = new TreeSet<>();
		rooms.computeIfPresent(room, (r, users) -> {
			result.addAll(users.keySet());
			return users;
		});
		return Collections.unmodifiableSet(result);
	}

}
