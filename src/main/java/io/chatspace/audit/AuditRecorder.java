package io.chatspace.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.chatspace.messaging.MessageIds;
import io.chatspace.realtime.MemberJoined;
import io.chatspace.realtime.MemberLeft;
import io.chatspace.rooms.MemberAdded;
import io.chatspace.rooms.MemberRemoved;
import io.chatspace.rooms.RoomCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns other modules' events into audit events and stores them in the background: the
 * listener only queues (a join never waits for the audit log, and never fails because of
 * it); one thread writes whatever is queued in batches, each gathered for up to
 * {@code chatspace.audit.batch-window} after its first event ({@link AuditProperties}).
 * While the store is down the batch is retried with a growing pause and new events wait
 * in the bounded queue (up to {@value #CAPACITY}); beyond that, events are dropped and
 * counted in the log.
 */
@Component
public class AuditRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

	static final int CAPACITY = 10_000;

	private static final int MAX_BATCH = 500;

	private static final long GATHER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final AuditLog store;

	private final Clock clock;

	private final MessageIds ids;

	private final String node;

	private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);

	private final AtomicLong dropped = new AtomicLong();

	private volatile boolean running;

	private volatile Thread thread;

	private final long batchWindowNanos;

	AuditRecorder(AuditLog store, Clock clock, MessageIds messageIds, AuditProperties properties) {
		// the node's id (configured or leased in Redis) for ids of its own
		int nodeId = messageIds.node();
		this.store = store;
		this.clock = clock;
		this.ids = new MessageIds(nodeId);
		this.node = hostName() + "/" + nodeId;
		this.batchWindowNanos = properties.batchWindow().toNanos();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(RoomCreated created) {
		record(created.roomId(), created.room(), AuditEvent.ROOM_CREATED, created.owner(), null);
	}

	@EventListener
	void on(MemberAdded added) {
		record(added.roomId(), added.room(), AuditEvent.MEMBER_ADDED, added.username(), null);
	}

	@EventListener
	void on(MemberRemoved removed) {
		record(removed.roomId(), removed.room(), AuditEvent.MEMBER_REMOVED, removed.username(), null);
	}

	@EventListener
	void on(MemberJoined joined) {
		record(joined.roomId(), joined.room(), AuditEvent.MEMBER_JOINED, joined.username(), null);
	}

	@EventListener
	void on(MemberLeft left) {
		record(left.roomId(), left.room(), AuditEvent.MEMBER_LEFT, left.username(), null);
	}

	/**
	 * Queues an event for the audit log.
	 * @param roomId the room's id
	 * @param room the room's slug
	 * @param type one of {@link AuditEvent}'s types
	 * @param user whom it concerns
	 * @param actor who did it, when someone else, or {@literal null}
	 */
	public void record(long roomId, String room, String type, String user, String actor) {
		AuditEvent event = new AuditEvent(ids.next(), roomId, room, type, user, actor, node, clock.instant());
		if (!queue.offer(event)) {
			long total = dropped.incrementAndGet();
			if (total == 1 || total % 1000 == 0) {
				log.warn("audit log queue full: {} event(s) dropped so far (latest: {} {} in {})", total, type, user,
						room);
			}
		}
	}

	private void run() {
		List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
		long pause = 500;
		boolean failing = false;
		while (running || !queue.isEmpty()) {
			try {
				if (batch.isEmpty()) {
					AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					batch.add(first);
					gather(batch);
				}
				store.appendAll(batch);
				batch.clear();
				if (failing) {
					log.info("audit log stored again");
					failing = false;
					pause = 500;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				if (!running) {
					break;
				}
				if (!failing) {
					log.warn("could not store {} audit event(s), retrying: {}", batch.size(), ex.toString());
					failing = true;
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException ie) {
					Thread.currentThread().interrupt();
					break;
				}
				pause = Math.min(pause * 2, 10_000);
			}
		}
		int lost = batch.size() + queue.size();
		if (lost > 0) {
			log.warn("{} audit event(s) not stored at shutdown", lost);
		}
	}

	/** Adds what is queued and what comes within the batch window, up to a full batch. */
	private void gather(List<AuditEvent> batch) throws InterruptedException {
		long deadline = System.nanoTime() + batchWindowNanos;
		queue.drainTo(batch, MAX_BATCH - batch.size());
		long left;
		while (batch.size() < MAX_BATCH && running && (left = deadline - System.nanoTime()) > 0) {
			// in slices, so that a stop stores the batch at once
			AuditEvent next = queue.poll(Math.min(left, GATHER_SLICE_NANOS), TimeUnit.NANOSECONDS);
			if (next != null) {
				batch.add(next);
				queue.drainTo(batch, MAX_BATCH - batch.size());
			}
		}
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name("audit-writer").start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		Thread t = thread;
		if (t != null) {
			try {
				t.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops with the message writer, after the gateway (whose sockets produce events).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2000;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
