package io.chatspace.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chatspace.accounts.Account;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * This node's sockets by user, and per-user events: an event for a user is published on
 * the {@link Broker} topic {@code user:<account id>}, to which every node with a socket
 * of that user is subscribed, and goes to all of the user's sockets ({@code unread}, a
 * removal's {@code left}). Encoded once per event.
 */
@Component
class UserSockets {

	static final String TOPIC_PREFIX = "user:";

	private final Broker broker;

	private final Map<Long, Local> users = new ConcurrentHashMap<>();

	UserSockets(Broker broker) {
		this.broker = broker;
	}

	void add(Connection connection) {
		long userId = connection.account().id();
		users.compute(userId, (id, local) -> {
			Local l = local != null ? local
					: new Local(connection.account(), broker.subscribe(topic(id), event -> deliver(id, event)));
			l.sockets.add(connection);
			return l;
		});
	}

	void remove(Connection connection) {
		users.computeIfPresent(connection.account().id(), (id, local) -> {
			local.sockets.remove(connection);
			if (local.sockets.isEmpty()) {
				local.subscription.close();
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

	/** Sends a frame to every socket of the user, on whichever node. */
	void publish(long userId, byte[] frame) {
		broker.publish(RoomEvent.toRoom(topic(userId), 0, frame));
	}

	private void deliver(long userId, RoomEvent event) {
		Local local = users.get(userId);
		if (local == null) {
			return;
		}
		TextMessage frame = new TextMessage(event.frame());
		for (Connection connection : local.sockets) {
			connection.send(frame);
		}
	}

	static String topic(long userId) {
		return TOPIC_PREFIX + userId;
	}

	private static final class Local {

		final Account account;

		final Broker.Subscription subscription;

		final Set<Connection> sockets = ConcurrentHashMap.newKeySet();

		Local(Account account, Broker.Subscription subscription) {
			this.account = account;
			this.subscription = subscription;
		}

	}

}
