package io.chatspace.realtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chatspace.presence.OnlineUsers;
import io.chatspace.presence.PresenceChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Server-wide presence on the gateway: tells {@link OnlineUsers} about every socket that
 * opens and closes, and relays the coalesced {@link PresenceChanged} announcements (the
 * room-less {@code presence} frame) to the sockets that asked for them with
 * {@code presence.watch}. A watcher gets the online list first and then every change, in
 * that order.
 */
@Component
class PresenceRelay {

	private final OnlineUsers online;

	private final FrameCodec codec;

	private final Set<Connection> watchers = ConcurrentHashMap.newKeySet();

	PresenceRelay(OnlineUsers online, FrameCodec codec) {
		this.online = online;
		this.codec = codec;
	}

	void opened(Connection connection) {
		online.connected(connection.username(), connection.id());
	}

	void closed(Connection connection) {
		watchers.remove(connection);
		online.disconnected(connection.username(), connection.id());
	}

	// synchronized with on(PresenceChanged): the snapshot never overtakes a change
	synchronized void watch(Connection connection, String ref) {
		watchers.add(connection);
		connection.send(codec.presenceSnapshot(ref, online.online()));
	}

	@EventListener
	synchronized void on(PresenceChanged changed) {
		if (watchers.isEmpty()) {
			return;
		}
		byte[] frame = codec.userPresence(changed.online(), changed.offline());
		for (Connection watcher : watchers) {
			watcher.send(frame);
		}
	}

}
