package io.chatspace.presence.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.chatspace.presence.PresenceProperties;
import io.chatspace.presence.RoomPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@link RoomPresence} shared by every node: this node's sockets per room and user in
 * memory, and in Redis one view per room ({@code presence:room:<slug>}) that this node
 * holds a user in while it has a socket of theirs in the room. A user appears when the
 * first node takes them in and vanishes when the last lets go, or when the holds of a
 * dead node expire ({@link PresenceHeartbeat}).
 */
@Component
@Profile("redis")
class RedisRoomPresence implements RoomPresence {

	private static final Logger log = LoggerFactory.getLogger(RedisRoomPresence.class);

	private final PresenceSets sets;

	private final PresenceProperties properties;

	// room -> user -> that user's sockets in the room on this node; each room's map is
	// guarded by the map's compute
	private final Map<String, Map<String, Set<String>>> rooms = new ConcurrentHashMap<>();

	RedisRoomPresence(PresenceSets sets, PresenceProperties properties) {
		this.sets = sets;
		this.properties = properties;
	}

	@Override
	public boolean enter(String room, String user, String socket) {
		boolean[] appeared = new boolean[1];
		rooms.compute(room, (r, users) -> {
			Map<String, Set<String>> map = users == null ? new HashMap<>() : users;
			Set<String> sockets = map.computeIfAbsent(user, u -> new HashSet<>());
			if (sockets.isEmpty()) {
				// the first socket of the user in the room on this node: hold them
				appeared[0] = hold(room, user, true, true);
			}
			sockets.add(socket);
			return map;
		});
		return appeared[0];
	}

	@Override
	public boolean exit(String room, String user, String socket) {
		boolean[] vanished = new boolean[1];
		rooms.computeIfPresent(room, (r, users) -> {
			Set<String> sockets = users.get(user);
			if (sockets != null && sockets.remove(socket) && sockets.isEmpty()) {
				users.remove(user);
				vanished[0] = hold(room, user, false, true);
			}
			return users.isEmpty() ? null : users;
		});
		return vanished[0];
	}

	/**
	 * @return whether the user's presence in the room flipped (or, with Redis
	 * unreachable, whether it did on this node)
	 */
	private boolean hold(String room, String user, boolean present, boolean fallback) {
		try {
			return !sets
				.touch(List.of(new PresenceSets.Entry(view(room), user, present)), properties.heartbeatTimeout())
				.isEmpty();
		}
		catch (RuntimeException ex) {
			log.warn("room presence in Redis not updated ({}); the next heartbeat retries: {}", room, ex.toString());
			return fallback;
		}
	}

	@Override
	public Set<String> online(String room) {
		try {
			return Collections.unmodifiableSet(sets.members(view(room)));
		}
		catch (RuntimeException ex) {
			log.warn("room presence not readable from Redis, this node's users only: {}", ex.toString());
			Set<String> local = new TreeSet<>();
			rooms.computeIfPresent(room, (r, users) -> {
				local.addAll(users.keySet());
				return users;
			});
			return Collections.unmodifiableSet(local);
		}
	}

	/**
	 * @return every (room, user) this node holds, for the heartbeat
	 */
	List<PresenceSets.Entry> held() {
		List<PresenceSets.Entry> entries = new ArrayList<>();
		for (String room : rooms.keySet()) {
			rooms.computeIfPresent(room, (r, users) -> {
				for (String user : users.keySet()) {
					entries.add(new PresenceSets.Entry(view(room), user, true));
				}
				return users;
			});
		}
		return entries;
	}

	String view(String room) {
		return sets.view("room:" + room);
	}

	/**
	 * @return the room of a view key of this class, or {@literal null}
	 */
	String roomOf(String viewKey) {
		String name = sets.name(viewKey);
		return name.startsWith("room:") ? name.substring("room:".length()) : null;
	}

}
