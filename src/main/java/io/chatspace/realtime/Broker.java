package io.chatspace.realtime;

import java.util.function.Consumer;

/**
 * Carries room events between the nodes of a deployment. Each node subscribes to the
 * rooms that have local sockets, and each published event reaches every subscribed node
 * once. The gateway does not know which implementation it has: in-process for one node,
 * Redis pub/sub (one channel per room) for many.
 */
public interface Broker {

	/**
	 * Publishes an event to the room's topic. Events published by one thread reach each
	 * subscriber in publication order.
	 * @param event the event, its frame already encoded
	 */
	void publish(RoomEvent event);

	/**
	 * Subscribes this node to a room's topic.
	 * @param room the room's slug
	 * @param listener called for each event; must not block
	 * @return the subscription, to be closed when the node has no socket left in the room
	 */
	Subscription subscribe(String room, Consumer<RoomEvent> listener);

	/** An active subscription. */
	interface Subscription extends AutoCloseable {

		/** Stops delivery; idempotent. */
		@Override
		void close();

	}

}
