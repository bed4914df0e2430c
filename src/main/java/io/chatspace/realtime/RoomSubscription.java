package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;

import io.chatspace.rooms.Room;

import org.springframework.web.socket.TextMessage;

/**
 * One socket's subscription to one room, with the gap-free hand-over from history to the
 * live stream: the subscription is registered first (buffering live events), then history
 * is read, then {@link #goLive} sends the {@code joined} frame and the buffered events
 * whose id the history did not already cover. No message is lost between the two, none is
 * sent twice.
 */
final class RoomSubscription {

	/**
	 * Events buffered during a join beyond this close the socket (it could not keep up).
	 */
	static final int MAX_BUFFERED = 10_000;

	private final Connection connection;

	private final Room room;

	private final String topic;

	private List<Buffered> buffer = new ArrayList<>();

	private long coveredId;

	// set by cancel(): nothing more is queued on the connection
	private boolean cancelled;

	RoomSubscription(Connection connection, Room room) {
		this(connection, room, room.slug());
	}

	RoomSubscription(Connection connection, Room room, String topic) {
		this.connection = connection;
		this.room = room;
		this.topic = topic;
	}

	/**
	 * @return the broker topic: the room's slug, or {@code doc:<slug>} for its document
	 */
	String topic() {
		return topic;
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
	synchronized void deliver(RoomEvent event, TextMessage frame) {
		if (cancelled) {
			return;
		}
		if (event.exceptUser() != null && event.exceptUser().equals(connection.username())) {
			return;
		}
		if (event.originSocket() != null && event.originSocket().equals(connection.id())) {
			if (event.originFrame() == null) {
				return;
			}
			frame = new TextMessage(event.originFrame());
		}
		if (buffer != null) {
			if (buffer.size() >= MAX_BUFFERED) {
				connection.close(Connection.BUFFER_FULL);
				return;
			}
			buffer.add(new Buffered(event.messageId(), frame));
			return;
		}
		if (event.messageId() != 0 && event.messageId() <= coveredId) {
			return;
		}
		connection.send(frame);
	}

	/**
	 * Ends the join: sends {@code joined}, then the live events the history did not
	 * cover.
	 * @param coveredId the highest message id (or document revision) the history covered;
	 * events up to it are dropped
	 * @param joined the encoded {@code joined} (or {@code doc.snapshot}) frame
	 */
	synchronized void goLive(long coveredId, byte[] joined) {
		if (cancelled) {
			return;
		}
		this.coveredId = coveredId;
		connection.send(joined);
		for (Buffered b : buffer) {
			if (b.messageId() == 0 || b.messageId() > coveredId) {
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

	private record Buffered(long messageId, TextMessage frame) {
	}

}
