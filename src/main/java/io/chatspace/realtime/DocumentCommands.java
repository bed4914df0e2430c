package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.chatspace.editor.DocumentChanged;
import io.chatspace.editor.DocumentCommitting;
import io.chatspace.editor.DocumentOperation;
import io.chatspace.editor.Documents;
import io.chatspace.editor.OpenedDocument;
import io.chatspace.rooms.Room;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gateway's side of the collaborative document: {@code doc.open}, {@code doc.op},
 * {@code doc.cursor}, and the relay of stored operations to every socket that has the
 * document open (topic {@code doc:<slug>} on the {@link Broker}), in revision order on
 * every node ({@link DocumentStream}).
 */
@Component
class DocumentCommands implements DisposableBean {

	private final Documents documents;

	private final Broker broker;

	private final FrameCodec codec;

	private final LatestPerInterval cursors;

	private final RealtimeProperties properties;

	private final Map<String, DocumentStream> streams = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("document-timer").daemon().factory());

	private final ExecutorService reader = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("document-catch-up-", 0).factory());

	DocumentCommands(Documents documents, Broker broker, FrameCodec codec, RealtimeProperties properties) {
		this.documents = documents;
		this.broker = broker;
		this.codec = codec;
		this.properties = properties;
		this.cursors = new LatestPerInterval(properties.cursorInterval(), timer);
	}

	/**
	 * Opens the document: subscribe first, then read, then send the snapshot and whatever
	 * arrived meanwhile with a higher revision (as a join does for messages).
	 * <p>
	 * A client that had a revision gets the operations it missed with the text, unless
	 * they would make the {@code doc.snapshot} frame larger than half the socket's
	 * outbound buffer: a frame over the buffer would cut the very socket it is for, and
	 * the client's next reopen the same way. It then gets the text alone, and starts
	 * again from it, as the protocol says a client does when {@code ops} is missing.
	 */
	void open(Connection connection, RoomSubscription room, ClientFrame.DocOpen frame) {
		close(connection, room.slug());
		DocumentSubscription subscription = new DocumentSubscription(connection, room.room());
		connection.documents().put(room.slug(), subscription);
		DocumentStream stream = add(subscription);
		OpenedDocument document;
		try {
			document = documents.open(room.room(), frame.rev());
		}
		catch (RuntimeException ex) {
			close(connection, room.slug());
			throw ex;
		}
		byte[] snapshot = codec.documentSnapshot(frame.ref(), room.slug(), document);
		if (snapshot.length > properties.outboundBuffer().toBytes() / 2 && !document.missed().isEmpty()) {
			snapshot = codec.documentSnapshot(frame.ref(), room.slug(),
					new OpenedDocument(document.rev(), document.text(), List.of()));
		}
		subscription.goLive(document.rev(), snapshot);
		stream.anchor(document.rev());
	}

	/**
	 * Applies an operation. Its {@code doc.ack} reaches the author through the document's
	 * stream, in the same order as everyone's operations: an ack never overtakes an
	 * operation of a lower revision (the client state machine relies on it).
	 */
	void apply(Connection connection, RoomSubscription room, ClientFrame.DocOp frame) {
		DocumentSubscription subscription = requireOpen(connection, room);
		subscription.sending(frame.ref());
		var applied = documents.apply(room.room(), connection.account(), frame.rev(), frame.op(), frame.ref(),
				connection.id());
		if (applied.duplicate()) {
			// a resend of an operation stored before: nothing new was announced
			connection.send(codec.documentAck(frame.ref(), room.slug(), applied.rev()));
		}
	}

	void cursor(Connection connection, RoomSubscription room, ClientFrame.DocCursor frame) {
		requireOpen(connection, room);
		RoomEvent event = new RoomEvent(RoomEvent.DOCUMENT_TOPIC + room.slug(), 0, null, connection.id(),
				codec.documentCursor(room.slug(), connection.username(), frame.rev(), frame.anchor(), frame.head()),
				null);
		cursors.offer(room.slug() + '\u0000' + connection.username(), () -> broker.publish(event));
	}

	private static DocumentSubscription requireOpen(Connection connection, RoomSubscription room) {
		DocumentSubscription subscription = connection.documents().get(room.slug());
		if (subscription == null) {
			throw new ChatSpaceException(ErrorCode.NOT_JOINED, "open the document first (doc.open)");
		}
		return subscription;
	}

	void close(Connection connection, String slug) {
		DocumentSubscription subscription = connection.documents().remove(slug);
		if (subscription != null) {
			subscription.cancel();
			streams.computeIfPresent(subscription.topic(), (topic, stream) -> {
				stream.members.remove(subscription);
				if (stream.members.isEmpty()) {
					stream.close();
					return null;
				}
				return stream;
			});
		}
	}

	private DocumentStream add(DocumentSubscription subscription) {
		DocumentStream stream = streams.compute(subscription.topic(), (topic, existing) -> {
			DocumentStream s = existing != null ? existing : newStream(subscription.room());
			s.members.add(subscription);
			return s;
		});
		stream.start();
		return stream;
	}

	private DocumentStream newStream(Room room) {
		return new DocumentStream(room, broker, rev -> stored(room, rev), timer, reader,
				properties.documentGapTimeout());
	}

	private List<DocumentEvent> stored(Room room, long rev) {
		List<DocumentEvent> events = new ArrayList<>();
		for (DocumentOperation operation : documents.operationsSince(room, rev)) {
			events.add(DocumentStream.stored(operation, codec.documentOperation(room.slug(), operation),
					codec.documentAck(operation.clientRef(), room.slug(), operation.rev())));
		}
		return events;
	}

	/**
	 * Before a revision is stored: announced to the other nodes (see
	 * {@link Broker#announce}).
	 */
	@EventListener
	void on(DocumentCommitting committing) {
		broker.announce(Map.of(RoomEvent.DOCUMENT_TOPIC + committing.room(), new long[] { committing.rev() }));
	}

	/**
	 * Runs under the document's lock, so one node publishes its operations (and acks) in
	 * revision order.
	 */
	@EventListener
	void on(DocumentChanged changed) {
		var operation = changed.operation();
		broker.publish(new RoomEvent(RoomEvent.DOCUMENT_TOPIC + changed.room(), operation.rev(), null, changed.origin(),
				codec.documentOperation(changed.room(), operation),
				codec.documentAck(operation.clientRef(), changed.room(), operation.rev())));
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
		reader.shutdownNow();
	}

}
