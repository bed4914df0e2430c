package io.chatspace.realtime;

import io.chatspace.editor.DocumentChanged;
import io.chatspace.editor.Documents;
import io.chatspace.editor.OpenedDocument;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gateway's side of the collaborative document: {@code doc.open}, {@code doc.op},
 * {@code doc.cursor}, and the relay of stored operations to every other socket that has
 * the document open (topic {@code doc:<slug>} on the {@link Broker}).
 */
@Component
class DocumentCommands {

	private final Documents documents;

	private final RoomFanout fanout;

	private final Broker broker;

	private final FrameCodec codec;

	private final RelayThrottle cursors;

	DocumentCommands(Documents documents, RoomFanout fanout, Broker broker, FrameCodec codec,
			RealtimeProperties properties) {
		this.documents = documents;
		this.fanout = fanout;
		this.broker = broker;
		this.codec = codec;
		this.cursors = new RelayThrottle(properties.cursorInterval());
	}

	/**
	 * Opens the document: subscribe first, then read, then send the snapshot and whatever
	 * arrived meanwhile with a higher revision (as a join does for messages).
	 */
	void open(Connection connection, RoomSubscription room, ClientFrame.DocOpen frame) {
		RoomSubscription previous = connection.documents().remove(room.slug());
		if (previous != null) {
			fanout.remove(previous);
		}
		RoomSubscription subscription = new RoomSubscription(connection, room.room(),
				RoomEvent.DOCUMENT_TOPIC + room.slug());
		connection.documents().put(room.slug(), subscription);
		fanout.add(subscription);
		OpenedDocument document;
		try {
			document = documents.open(room.room(), frame.rev());
		}
		catch (RuntimeException ex) {
			close(connection, room.slug());
			throw ex;
		}
		subscription.goLive(document.rev(), codec.documentSnapshot(frame.ref(), room.slug(), document));
	}

	/**
	 * Applies an operation. Its {@code doc.ack} reaches the author through the document's
	 * topic, in the same ordered stream as everyone's operations: an ack never overtakes
	 * an operation of a lower revision (the client state machine relies on it).
	 */
	void apply(Connection connection, RoomSubscription room, ClientFrame.DocOp frame) {
		requireOpen(connection, room);
		var applied = documents.apply(room.room(), connection.account(), frame.rev(), frame.op(), frame.ref(),
				connection.id());
		if (applied.duplicate()) {
			// a resend of an operation stored before: nothing new was announced
			connection.send(codec.documentAck(frame.ref(), room.slug(), applied.rev()));
		}
	}

	void cursor(Connection connection, RoomSubscription room, ClientFrame.DocCursor frame) {
		requireOpen(connection, room);
		if (cursors.tryRelay(room.slug(), connection.username())) {
			broker.publish(new RoomEvent(RoomEvent.DOCUMENT_TOPIC + room.slug(), 0, null, connection.id(),
					codec.documentCursor(room.slug(), connection.username(), frame.rev(), frame.anchor(), frame.head()),
					null));
		}
	}

	private static void requireOpen(Connection connection, RoomSubscription room) {
		if (!connection.documents().containsKey(room.slug())) {
			throw new ChatSpaceException(ErrorCode.NOT_JOINED, "open the document first (doc.open)");
		}
	}

	void close(Connection connection, String slug) {
		RoomSubscription subscription = connection.documents().remove(slug);
		if (subscription != null) {
			fanout.remove(subscription);
		}
	}

	/**
	 * Runs under the document's lock, so operations (and acks) leave in revision order.
	 */
	@EventListener
	void on(DocumentChanged changed) {
		var operation = changed.operation();
		broker.publish(new RoomEvent(RoomEvent.DOCUMENT_TOPIC + changed.room(), operation.rev(), null, changed.origin(),
				codec.documentOperation(changed.room(), operation),
				codec.documentAck(operation.clientRef(), changed.room(), operation.rev())));
	}

}
