package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;

import io.chatspace.rooms.Room;

/**
 * One socket's subscription to one room, with the gap-free hand-over from history to the
 * live stream: the subscription is registered first (buffering live events), then history
 * is read, then {@link #goLive} sends the {@code joined} frame and the buffered events
 * the socket does not have yet ({@link HandOver}). Live events it already has are dropped
 * later too; nothing is lost between history and stream, nothing is sent twice.
 * <p>
 * While the broker is interrupted ({@link #hold()}), events are buffered again until the
 * room's group has caught up from the store ({@link #release}).
 */
final class RoomSubscription {

	/**
	 * Events buffered during a join beyond this close the socket (it could not keep up).
	 */
	static final int MAX_BUFFERED = 10_000;

	private final Connection connection;

	private final Room room;

	// non-null while joining or held
	private List<Buffered> buffer = new ArrayList<>();

	private boolean joining = true;

	private boolean held;

	private HandOver handOver = HandOver.NOTHING;

	// set by cancel(): nothing more is queued on the connection
	private boolean cancelled;

	RoomSubscription(Connection connection, Room room) {
		this.connection = connection;
		this.room = room;
	}

	/**
	 * @return the broker topic: the room's slug
	 */
	String topic() {
		return room.slug();
	}

	Connection connection() {
		return connection;
	}

	Room room() {
		return room;
	}

	String slug() {
		return room.slug();
	}

	/** Called by the fan-out for every event of the room; never blocks. */
	synchronized void deliver(RoomEvent event, byte[] frame) {
		if (cancelled) {
			return;
		}
		if (event.exceptUser() != null && event.exceptUser().equals(connection.username())) {
			return;
		}
		if (buffer != null) {
			buffer(new Buffered(event.messageId(), frame));
			return;
		}
		if (!handOver.has(event.messageId())) {
			connection.send(frame);
		}
	}

	private void buffer(Buffered event) {
		if (buffer.size() >= MAX_BUFFERED) {
			connection.close(Connection.BUFFER_FULL);
			cancelled = true;
			buffer = null;
			return;
		}
		buffer.add(event);
	}

	/**
	 * Ends the join: sends {@code joined}, then the live events the socket does not have.
	 * @param handOver what the {@code joined} frame gave the socket
	 * @param joined the encoded {@code joined} frame
	 */
	synchronized void goLive(HandOver handOver, byte[] joined) {
		if (cancelled) {
			return;
		}
		this.handOver = handOver;
		connection.send(joined);
		joining = false;
		if (!held) {
			flush();
		}
	}

	/** The broker may be losing events: buffer until {@link #release}. */
	synchronized void hold() {
		if (cancelled) {
			return;
		}
		held = true;
		if (buffer == null) {
			buffer = new ArrayList<>();
		}
	}

	/**
	 * The room caught up after an interruption: the messages missed in it go first, then
	 * what was buffered meanwhile (each only if the socket does not have it).
	 * @param missed messages the broker lost, oldest first
	 */
	synchronized void release(List<Buffered> missed) {
		if (cancelled || !held) {
			return;
		}
		held = false;
		buffer.addAll(0, missed);
		if (!joining) {
			flush();
		}
	}

	private void flush() {
		for (Buffered b : buffer) {
			if (!handOver.has(b.messageId())) {
				connection.send(b.frame());
			}
		}
		buffer = null;
	}

	/**
	 * Ends the subscription: once this returns, no event of the room is queued on the
	 * connection any more, even by a fan-out already under way.
	 */
	synchronized void cancel() {
		cancelled = true;
		buffer = null;
	}

	/** An event waiting in a buffer. */
	record Buffered(long messageId, byte[] frame) {
	}

}
