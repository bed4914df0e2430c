package io.chatspace.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * This node's side of fan-out: for every room with local sockets, one {@link Broker}
 * subscription and the set of local subscriptions. Each event is turned into one
 * {@link TextMessage} (one encoding per node) and the same instance is queued on every
 * joined socket.
 */
@Component
class RoomFanout {

	private final Broker broker;

	private final Map<String, Group> groups = new ConcurrentHashMap<>();

	RoomFanout(Broker broker) {
		this.broker = broker;
	}

	void add(RoomSubscription subscription) {
		groups.compute(subscription.topic(), (room, group) -> {
			Group g = group != null ? group : new Group(broker.subscribe(room, this::deliver));
			g.members.add(subscription);
			return g;
		});
	}

	void remove(RoomSubscription subscription) {
		groups.computeIfPresent(subscription.topic(), (room, group) -> {
			group.members.remove(subscription);
			if (group.members.isEmpty()) {
				group.subscription.close();
				return null;
			}
			return group;
		});
	}

	/**
	 * @return the number of local sockets subscribed to the topic
	 */
	int localSubscribers(String room) {
		Group group = groups.get(room);
		return group == null ? 0 : group.members.size();
	}

	private void deliver(RoomEvent event) {
		Group group = groups.get(event.room());
		if (group == null) {
			return;
		}
		TextMessage frame = new TextMessage(event.frame());
		for (RoomSubscription member : group.members) {
			member.deliver(event, frame);
		}
	}

	private static final class Group {

		final Broker.Subscription subscription;

		final Set<RoomSubscription> members = ConcurrentHashMap.newKeySet();

		Group(Broker.Subscription subscription) {
			this.subscription = subscription;
		}

	}

}
