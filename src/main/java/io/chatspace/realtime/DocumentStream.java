package io.chatspace.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.chatspace.editor.DocumentOperation;
import io.chatspace.rooms.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A document's operations on this node, in strict revision order, for every local socket
 * that has it open. With several nodes, revision r stored by one node and r + 1 by
 * another may reach this node in either order (two publishers), and an event may be lost
 * while Redis is unreachable: a later revision is held until the earlier one arrives, and
 * if a gap lasts longer than {@code chatspace.realtime.document-gap-timeout} (or the
 * broker says events were lost) the missing operations are read from the store, where the
 * unique (document, revision) key has ordered them. Cursors pass straight through.
 */
final class DocumentStream implements Broker.Listener {

	private static final Logger log = LoggerFactory.getLogger(DocumentStream.class);

	/** How often a revision announced but never published is looked for in the store. */
	static final int ANNOUNCEMENT_READS = 5;

	final Room room;

	final Set<Member> members = ConcurrentHashMap.newKeySet();

	private final Broker broker;

	private final Function<Long, List<DocumentEvent>> storedAfter;

	private final ScheduledExecutorService timer;

	private final Executor reader;

	private final Duration gapTimeout;

	// guards subscription and closed (never taken by the broker's thread)
	private final Object lifecycle = new Object();

	private Broker.Subscription subscription;

	private boolean closed;

	// the rest is guarded by this; -1 until the first member's snapshot anchors it
	private long delivered = -1;

	// the highest revision known to exist (from events or snapshots)
	private long known;

	// revisions announced before their commit, not delivered yet -> store reads so far
	private final Map<Long, Integer> announced = new TreeMap<>();

	private final Map<Long, DocumentEvent> pending = new TreeMap<>();

	private ScheduledFuture<?> gapCheck;

	private boolean reading;

	/**
	 * @param storedAfter reads the stored operations after a revision, as events
	 */
	DocumentStream(Room room, Broker broker, Function<Long, List<DocumentEvent>> storedAfter,
			ScheduledExecutorService timer, Executor reader, Duration gapTimeout) {
		this.room = room;
		this.broker = broker;
		this.storedAfter = storedAfter;
		this.timer = timer;
		this.reader = reader;
		this.gapTimeout = gapTimeout;
	}

	String topic() {
		return RoomEvent.DOCUMENT_TOPIC + room.slug();
	}

	void start() {
		synchronized (lifecycle) {
			if (!closed && subscription == null) {
				subscription = broker.subscribe(topic(), this);
			}
		}
	}

	void close() {
		synchronized (lifecycle) {
			closed = true;
			if (subscription != null) {
				subscription.close();
			}
		}
		synchronized (this) {
			if (gapCheck != null) {
				gapCheck.cancel(false);
			}
		}
	}

	@Override
	public void event(RoomEvent event) {
		DocumentEvent e = DocumentEvent.live(event);
		if (e.rev() == 0) {
			for (Member member : members) {
				member.deliver(e);
			}
			return;
		}
		offer(List.of(e));
	}

	/**
	 * A member's snapshot is at {@code rev}: everything up to it exists in the store.
	 */
	synchronized void anchor(long rev) {
		known = Math.max(known, rev);
		if (delivered < 0) {
			delivered = rev;
			pending.keySet().removeIf(r -> r <= rev);
			drain();
		}
		checkGap();
	}

	@Override
	public synchronized void announced(long[] revisions) {
		for (long rev : revisions) {
			if (delivered < 0 || rev > delivered) {
				announced.putIfAbsent(rev, 0);
			}
		}
		checkGap();
	}

	private synchronized void offer(List<DocumentEvent> events) {
		for (DocumentEvent e : events) {
			known = Math.max(known, e.rev());
			if (delivered < 0 || e.rev() > delivered) {
				pending.putIfAbsent(e.rev(), e);
			}
		}
		drain();
		checkGap();
	}

	private void drain() {
		if (delivered < 0) {
			return;
		}
		DocumentEvent next;
		while ((next = pending.remove(delivered + 1)) != null) {
			delivered = next.rev();
			announced.remove(delivered);
			for (Member member : members) {
				member.deliver(next);
			}
		}
	}

	private void checkGap() {
		boolean behind = delivered >= 0 && (known > delivered || !announced.isEmpty());
		if (behind && gapCheck == null && !reading) {
			gapCheck = timer.schedule(this::gapTimedOut, gapTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		else if (!behind && gapCheck != null) {
			gapCheck.cancel(false);
			gapCheck = null;
		}
	}

	private synchronized void gapTimedOut() {
		gapCheck = null;
		if (delivered >= 0 && (known > delivered || !announced.isEmpty())) {
			readStored();
		}
	}

	@Override
	public synchronized void resumed() {
		// operations published while the broker was interrupted may be lost
		if (delivered >= 0) {
			readStored();
		}
	}

	private void readStored() {
		if (reading) {
			return;
		}
		reading = true;
		long from = delivered;
		reader.execute(() -> {
			List<DocumentEvent> stored = List.of();
			try {
				// outside this stream's lock: reading takes the document's lock
				stored = storedAfter.apply(from);
				if (!stored.isEmpty()) {
					log.debug("document {}: {} operation(s) after revision {} read from the store", room.slug(),
							stored.size(), from);
				}
			}
			catch (RuntimeException ex) {
				log.warn("document {}: reading operations after revision {} failed: {}", room.slug(), from,
						ex.toString());
			}
			synchronized (this) {
				reading = false;
				// an announced revision still missing from the store was not stored (or
				// is
				// slow): looked for a few times, then forgotten
				announced.keySet().removeIf(rev -> rev <= delivered);
				announced.replaceAll((rev, reads) -> reads + 1);
				announced.values().removeIf(reads -> reads >= ANNOUNCEMENT_READS);
				offer(stored);
			}
		});
	}

	/** A socket with the document open. */
	interface Member {

		/** An event, in revision order for operations; must not block. */
		void deliver(DocumentEvent event);

	}

	static DocumentEvent stored(DocumentOperation operation, byte[] frame, byte[] ack) {
		return new DocumentEvent(operation.rev(), frame, ack, null, operation.author(), operation.clientRef());
	}

}
