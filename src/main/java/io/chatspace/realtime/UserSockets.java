package io.chatspace.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import io.chatspace.accounts.Account;

import org.springframework.stereotype.Component;

/**
 * This node's sockets by user, and per-user events: an event for a user is published on
 * the {@link Broker} topic {@code user:<account id>}, to which every node with a socket
 * of that user is subscribed, and goes to all of the user's sockets ({@code unread}, a
 * removal's {@code left}). Encoded once per event. A removal also ends the user's
 * subscriptions to the room on every node before its frame is sent.
 */
@Component
class UserSockets {

	static final String TOPIC_PREFIX = "user:";

	private final Broker broker;

	private final Map<Long, Local> users = new ConcurrentHashMap<>();

	private volatile BiConsumer<Connection, String> revoked = (connection, room) -> {
	};

	private volatile LongConsumer resumed = userId -> {
	};

	UserSockets(Broker broker) {
		this.broker = broker;
	}

	void add(Connection connection) {
		long userId = connection.account().id();
		Local local = users.compute(userId, (id, existing) -> {
			Local l = existing != null ? existing : new Local(connection.account());
			l.sockets.add(connection);
			return l;
		});
		// outside the map's lock: subscribing waits for the broker
		local.start(() -> broker.subscribe(topic(userId), listener(userId)));
	}

	void remove(Connection connection) {
		users.computeIfPresent(connection.account().id(), (id, local) -> {
			local.sockets.remove(connection);
			if (local.sockets.isEmpty()) {
				local.close();
				return null;
			}
			return local;
		});
	}

	/**
	 * @return whether the user has a socket on this node
	 */
	boolean isLocal(long userId) {
		return users.containsKey(userId);
	}

	/**
	 * @return the account of a user with a socket on this node, or {@literal null}
	 */
	Account account(long userId) {
		Local local = users.get(userId);
		return local == null ? null : local.account;
	}

	/**
	 * @return the user's sockets on this node (a snapshot)
	 */
	Set<Connection> sockets(long userId) {
		Local local = users.get(userId);
		return local == null ? Set.of() : Set.copyOf(local.sockets);
	}

	/**
	 * @param action called for each local socket of a user removed from a room, before
	 * the removal's frame is sent to it
	 */
	void onRevoked(BiConsumer<Connection, String> action) {
		this.revoked = action;
	}

	/**
	 * @param action called with a user's id when events on the user's topic may have been
	 * lost (the broker was interrupted)
	 */
	void onResumed(LongConsumer action) {
		this.resumed = action;
	}

	/** Sends a frame to every socket of the user, on whichever node. */
	void publish(long userId, byte[] frame) {
		broker.publish(RoomEvent.toRoom(topic(userId), 0, frame));
	}

	/** Sends a frame to the user's sockets on this node only. */
	void sendLocal(long userId, byte[] frame) {
		Local local = users.get(userId);
		if (local != null) {
			for (Connection connection : local.sockets) {
				connection.send(frame);
			}
		}
	}

	/**
	 * Ends the user's subscriptions to a room on every node, then sends them a frame.
	 */
	void publish(long userId, byte[] frame, String revokedRoom) {
		broker.publish(new RoomEvent(topic(userId), 0, null, null, frame, null, revokedRoom));
	}

	private Broker.Listener listener(long userId) {
		return new Broker.Listener() {
			@Override
			public void event(RoomEvent event) {
				deliver(userId, event);
			}

			@Override
			public void resumed() {
				resumed.accept(userId);
			}
		};
	}

	private void deliver(long userId, RoomEvent event) {
		Local local = users.get(userId);
		if (local == null) {
			return;
		}
		byte[] frame = event.frame();
		if (event.revokes() != null) {
			// ending subscriptions may block (presence in Redis): not on the broker's
			// thread
			Thread.ofVirtual().name("revoke-" + userId).start(() -> {
				for (Connection connection : local.sockets) {
					revoked.accept(connection, event.revokes());
					connection.send(frame);
				}
			});
			return;
		}
		for (Connection connection : local.sockets) {
			connection.send(frame);
		}
	}

	static String topic(long userId) {
		return TOPIC_PREFIX + userId;
	}

	private static final class Local {

		final Account account;

		final Set<Connection> sockets = ConcurrentHashMap.newKeySet();

		private Broker.Subscription subscription;

		private boolean closed;

		Local(Account account) {
			this.account = account;
		}

		synchronized void start(java.util.function.Supplier<Broker.Subscription> subscribe) {
			if (!closed && subscription == null) {
				subscription = subscribe.get();
			}
		}

		synchronized void close() {
			closed = true;
			if (subscription != null) {
				subscription.close();
			}
		}

	}

}
