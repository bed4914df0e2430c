package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

import io.chatspace.rooms.Room;

/**
 * One socket's open document: receives the document's operations in revision order from
 * this node's {@link DocumentStream}, buffers them while {@code doc.open} reads the
 * snapshot, then sends those after the snapshot's revision. The socket's own operations
 * come back as its {@code doc.ack}, in the same ordered stream.
 */
final class DocumentSubscription implements DocumentStream.Member {

	/**
	 * The refs of operations this socket sent that it remembers (for acks from the
	 * store).
	 */
	static final int REMEMBERED_REFS = 256;

	private final Connection connection;

	private final Room room;

	private final SequencedSet<String> refs = new LinkedHashSet<>();

	// non-null until goLive
	private List<DocumentEvent> buffer = new ArrayList<>();

	private long covered = -1;

	private boolean cancelled;

	DocumentSubscription(Connection connection, Room room) {
		this.connection = connection;
		this.room = room;
	}

	String topic() {
		return RoomEvent.DOCUMENT_TOPIC + room.slug();
	}

	Room room() {
		return room;
	}

	/** Notes an operation this socket sends, before it is applied. */
	synchronized void sending(String ref) {
		refs.addLast(ref);
		if (refs.size() > REMEMBERED_REFS) {
			refs.removeFirst();
		}
	}

	/**
	 * An event of the document, in revision order for operations; never blocks.
	 */
	@Override
	public synchronized void deliver(DocumentEvent event) {
		if (cancelled) {
			return;
		}
		if (event.rev() == 0) {
			// a cursor: others only; dropped while opening (the next one comes soon)
			if (buffer == null && !connection.id().equals(event.originSocket())) {
				connection.send(event.frame());
			}
			return;
		}
		if (buffer != null) {
			if (buffer.size() >= RoomSubscription.MAX_BUFFERED) {
				connection.close(Connection.BUFFER_FULL);
				cancel();
				return;
			}
			buffer.add(event);
			return;
		}
		send(event);
	}

	private void send(DocumentEvent event) {
		if (event.rev() <= covered) {
			return;
		}
		covered = event.rev();
		if (isMine(event)) {
			if (event.originFrame() != null) {
				connection.send(event.originFrame());
			}
		}
		else {
			connection.send(event.frame());
		}
	}

	private boolean isMine(DocumentEvent event) {
		if (event.originSocket() != null) {
			return event.originSocket().equals(connection.id());
		}
		return event.author() != null && event.author().equals(connection.username()) && event.ref() != null
				&& refs.remove(event.ref());
	}

	/**
	 * Ends {@code doc.open}: sends the snapshot, then the buffered operations after its
	 * revision.
	 * @param rev the snapshot's revision
	 * @param snapshot the encoded {@code doc.snapshot} frame
	 */
	synchronized void goLive(long rev, byte[] snapshot) {
		if (cancelled) {
			return;
		}
		covered = rev;
		connection.send(snapshot);
		for (Iterator<DocumentEvent> it = buffer.iterator(); it.hasNext();) {
			send(it.next());
		}
		buffer = null;
	}

	synchronized void cancel() {
		cancelled = true;
		buffer = null;
	}

}
