package io.chatspace.realtime;

import java.util.Map;

/**
 * Carries room events between the nodes of a deployment. Each node subscribes to the
 * topics that have local sockets (a room, {@code doc:<slug>}, {@code user:<id>}), and
 * each published event reaches every subscribed node once. The gateway does not know
 * which implementation it has: in-process for one node, Redis pub/sub (one channel per
 * topic) for many.
 * <p>
 * A broker between processes may lose events while a node is cut off from it; it says so
 * ({@link Listener#interrupted()}, then {@link Listener#resumed()}) and the subscriber
 * catches up from the database, where every message and document operation is.
 */
public interface Broker {

	/**
	 * Publishes an event to its topic: this node's listeners get it before this returns,
	 * on the calling thread; other nodes' soon after. Events published by one thread
	 * reach each subscriber in publication order.
	 * @param event the event, its frame already encoded
	 */
	void publish(RoomEvent event);

	/**
	 * Announces ids (message ids, document revisions) about to be committed, per topic,
	 * and returns once every node subscribed to those topics will get the announcement
	 * (or the broker could not take it). A node that gets an announcement but not the
	 * event within {@code chatspace.realtime.publish-timeout} reads it from the store:
	 * the publisher may have died between its commit and its publish. A broker inside one
	 * process cannot lose a node in between and does nothing.
	 * @param idsByTopic the ids about to be committed, per topic
	 */
	default void announce(Map<String, long[]> idsByTopic) {
	}

	/**
	 * Whether events travel between processes, so that other nodes write messages too. A
	 * node alone (the in-process broker) commits its messages in id order, so a resume
	 * need not look for messages of other nodes committed late.
	 * @return {@code true} for a broker between nodes; {@code false} by default
	 */
	default boolean spansNodes() {
		return false;
	}

	/**
	 * Subscribes this node to a topic; returns once events published from now on will be
	 * delivered (or the listener has been told it is {@linkplain Listener#interrupted()
	 * interrupted}).
	 * @param topic the topic: a room's slug, {@code doc:<slug>}, {@code user:<id>}, …
	 * @param listener called for each event; must not block
	 * @return the subscription, to be closed when the node has no socket left on the
	 * topic
	 */
	Subscription subscribe(String topic, Listener listener);

	/** Receives a topic's events. */
	@FunctionalInterface
	interface Listener {

		/**
		 * An event of the topic; must not block.
		 * @param event the event
		 */
		void event(RoomEvent event);

		/**
		 * Ids about to be committed (see {@link Broker#announce}); must not block.
		 * @param ids message ids or revisions
		 */
		default void announced(long[] ids) {
		}

		/**
		 * Events may be lost from now on until {@link #resumed()}; must not block.
		 */
		default void interrupted() {
		}

		/**
		 * Delivery is restored; events published since {@link #interrupted()} may have
		 * been lost and are to be caught up from the store. May block briefly.
		 */
		default void resumed() {
		}

	}

	/** An active subscription. */
	interface Subscription extends AutoCloseable {

		/** Stops delivery; idempotent. */
		@Override
		void close();

	}

}
