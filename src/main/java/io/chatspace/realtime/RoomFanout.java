package io.chatspace.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.Messages;
import io.chatspace.rooms.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * This node's side of fan-out: for every room with local sockets, one {@link Broker}
 * subscription and the set of local subscriptions. Each event's frame is encoded once (by
 * the node that published it) and the same bytes are queued on every joined socket, on
 * the {@link FanoutLanes lane} of its connection (never on the broker's thread, which for
 * the in-process broker is the group-commit writer): a large room is written by every
 * lane at once, each to its share of the sockets. A message the broker delivers twice is
 * delivered once.
 * <p>
 * When the broker says events may have been lost (Redis unreachable), the room's sockets
 * hold their live events; once it resumes, the messages of the gap are read from the
 * store (from the newest delivered one's time minus {@code resume-overlap}, which covers
 * messages committed late by another node) and released before what was held. A gap too
 * long to catch up this way closes the room's sockets with 1001: their clients resume.
 * <p>
 * Ids announced before their commit ({@link Broker#announce}) whose events do not follow
 * within {@code publish-timeout} are read from the store and delivered: the node that
 * committed them may have died before it could publish them.
 */
@Component
class RoomFanout implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RoomFanout.class);

	/**
	 * The most messages one catch-up sends; beyond it the sockets are asked to resume.
	 */
	static final int CATCH_UP_LIMIT = 1000;

	/** How often an announced message that did not come is looked for in the store. */
	static final int ANNOUNCEMENT_CHECKS = 5;

	/** How far back a catch-up looks at most. */
	static final Duration CATCH_UP_LOOKBACK = Duration.ofMinutes(10);

	/** The most events waiting for one fan-out lane before their producer waits. */
	static final int LANE_CAPACITY = 16_384;

	private final Broker broker;

	private final Messages messages;

	private final FrameCodec codec;

	private final Duration overlap;

	private final Clock clock;

	private final Duration publishTimeout;

	private final Map<String, Group> groups = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("room-announcements").daemon().factory());

	private final ExecutorService reader = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("room-catch-up-", 0).factory());

	private final FanoutLanes lanes;

	@Autowired
	RoomFanout(Broker broker, Messages messages, FrameCodec codec, RealtimeProperties properties, Clock clock) {
		this(broker, messages, codec, properties, clock, new FanoutLanes(properties.fanoutThreads() > 0
				? properties.fanoutThreads() : Runtime.getRuntime().availableProcessors(), LANE_CAPACITY));
	}

	/**
	 * @param lanes where each room's events are written to its sockets
	 */
	RoomFanout(Broker broker, Messages messages, FrameCodec codec, RealtimeProperties properties, Clock clock,
			FanoutLanes lanes) {
		this.lanes = lanes;
		this.broker = broker;
		this.messages = messages;
		this.codec = codec;
		this.overlap = properties.resumeOverlap();
		this.publishTimeout = properties.publishTimeout();
		this.clock = clock;
	}

	@Override
	public void destroy() {
		lanes.shutdown();
		timer.shutdownNow();
		reader.shutdownNow();
	}

	/**
	 * Queues a frame for one socket on the socket's fan-out lane, behind the room events
	 * already handed to that lane: the group-commit writer hands a sender's {@code ack}
	 * over this way instead of writing it itself, and the {@code ack} still arrives
	 * before the sender's own {@code message} (which the writer hands over after it).
	 * @param connection the socket
	 * @param frame the frame's UTF-8 bytes
	 */
	void sendOnLane(Connection connection, byte[] frame) {
		lanes.execute(lanes.laneOf(connection), () -> connection.send(frame));
	}

	/**
	 * Adds a socket's subscription; returns once the node is subscribed to the room on
	 * the broker (a history read after this cannot miss a live event).
	 */
	void add(RoomSubscription subscription) {
		Group group = groups.compute(subscription.topic(), (room, existing) -> {
			Group g = existing != null ? existing : new Group(subscription.room());
			g.add(subscription);
			return g;
		});
		group.start();
		group.holdIfInterrupted(subscription);
	}

	void remove(RoomSubscription subscription) {
		groups.computeIfPresent(subscription.topic(), (room, group) -> {
			group.remove(subscription);
			if (group.isEmpty()) {
				group.close();
				return null;
			}
			return group;
		});
	}

	/** When an announced id is looked for in the store, and how often it was already. */
	private record Expectation(long deadline, int attempts) {
	}

	/** One room's local sockets and its broker subscription. */
	private final class Group implements Broker.Listener {

		final Room room;

		// the room's local subscriptions, by the fan-out lane of their connection
		private final List<Set<RoomSubscription>> byLane = new ArrayList<>();

		// guards subscription and closed (never taken by the broker's thread)
		private final Object lifecycle = new Object();

		private Broker.Subscription subscription;

		private boolean closed;

		// the rest is guarded by this
		private final RecentIds recent = new RecentIds(overlap);

		private final Instant created = clock.instant();

		private boolean interrupted;

		private long generation;

		private Instant interruptedAt;

		// announced ids whose events have not come yet
		private final Map<Long, Expectation> expected = new HashMap<>();

		private boolean checkScheduled;

		Group(Room room) {
			this.room = room;
			for (int i = 0; i < lanes.count(); i++) {
				byLane.add(ConcurrentHashMap.newKeySet());
			}
		}

		void add(RoomSubscription subscription) {
			byLane.get(lanes.laneOf(subscription.connection())).add(subscription);
		}

		void remove(RoomSubscription subscription) {
			byLane.get(lanes.laneOf(subscription.connection())).remove(subscription);
		}

		boolean isEmpty() {
			return byLane.stream().allMatch(Set::isEmpty);
		}

		/** Every local subscription of the room, on whichever lane. */
		Iterable<RoomSubscription> members() {
			return () -> byLane.stream().flatMap(Set::stream).iterator();
		}

		/**
		 * Hands an event to every lane with some of the room's sockets; each writes it to
		 * its own share, in parallel, and in order with the room's other events.
		 */
		private void deliver(RoomEvent event) {
			byte[] frame = event.frame();
			for (int lane = 0; lane < byLane.size(); lane++) {
				Set<RoomSubscription> share = byLane.get(lane);
				if (!share.isEmpty()) {
					lanes.execute(lane, () -> {
						for (RoomSubscription member : share) {
							member.deliver(event, frame);
						}
					});
				}
			}
		}

		void start() {
			synchronized (lifecycle) {
				if (!closed && subscription == null) {
					subscription = broker.subscribe(room.slug(), this);
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
		}

		synchronized void holdIfInterrupted(RoomSubscription member) {
			if (interrupted) {
				member.hold();
			}
		}

		@Override
		public void event(RoomEvent event) {
			if (event.messageId() != 0) {
				synchronized (this) {
					expected.remove(event.messageId());
					if (!recent.add(event.messageId())) {
						return; // delivered before
					}
				}
			}
			deliver(event);
		}

		@Override
		public synchronized void announced(long[] ids) {
			long deadline = System.nanoTime() + publishTimeout.toNanos();
			for (long id : ids) {
				if (!recent.contains(id)) {
					expected.putIfAbsent(id, new Expectation(deadline, 0));
				}
			}
			scheduleCheck();
		}

		private void scheduleCheck() {
			if (!expected.isEmpty() && !checkScheduled) {
				checkScheduled = true;
				timer.schedule(this::checkExpected, publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}

		private void checkExpected() {
			List<Long> overdue = new ArrayList<>();
			synchronized (this) {
				checkScheduled = false;
				long now = System.nanoTime();
				expected.forEach((id, expectation) -> {
					if (now - expectation.deadline() >= 0) {
						overdue.add(id);
					}
				});
				if (overdue.isEmpty()) {
					scheduleCheck();
					return;
				}
				checkScheduled = true; // until the read is done
			}
			reader.execute(() -> readOverdue(overdue));
		}

		/**
		 * Announced messages whose events did not come: those in the store are delivered
		 * (their node died before publishing them); the others are looked for again a few
		 * times (a slow commit), then forgotten (a failed one).
		 */
		private void readOverdue(List<Long> ids) {
			ids.sort(null);
			List<Message> found = new ArrayList<>();
			try {
				long cursor = ids.getFirst() - 1;
				while (cursor < ids.getLast()) {
					List<Message> page = messages.after(room, cursor, Messages.MAX_PAGE);
					for (Message message : page) {
						if (message.id() <= ids.getLast()
								&& java.util.Collections.binarySearch(ids, message.id()) >= 0) {
							found.add(message);
						}
					}
					if (page.size() < Messages.MAX_PAGE) {
						break;
					}
					cursor = page.getLast().id();
				}
			}
			catch (RuntimeException ex) {
				log.warn("room {}: reading announced messages failed: {}", room.slug(), ex.toString());
			}
			synchronized (this) {
				checkScheduled = false;
				for (Message message : found) {
					expected.remove(message.id());
					if (recent.add(message.id())) {
						log.info("room {}: message {} was announced but never published; delivered from the store",
								room.slug(), message.id());
						deliver(RoomEvent.toRoom(room.slug(), message.id(), codec.message(message)));
					}
				}
				long next = System.nanoTime() + publishTimeout.toNanos();
				for (Long id : ids) {
					Expectation expectation = expected.get(id);
					if (expectation != null) {
						if (expectation.attempts() + 1 >= ANNOUNCEMENT_CHECKS) {
							expected.remove(id);
						}
						else {
							expected.put(id, new Expectation(next, expectation.attempts() + 1));
						}
					}
				}
				scheduleCheck();
			}
		}

		@Override
		public synchronized void interrupted() {
			if (!interrupted) {
				interrupted = true;
				interruptedAt = clock.instant();
			}
			generation++;
			for (RoomSubscription member : members()) {
				member.hold();
			}
		}

		@Override
		public void resumed() {
			long since;
			long startedAt;
			synchronized (this) {
				if (!interrupted) {
					return;
				}
				startedAt = generation;
				Instant from = recent.newest() != 0 ? MessageIds.timestampOf(recent.newest()) : created;
				Instant earliest = interruptedAt.minus(CATCH_UP_LOOKBACK);
				since = MessageIds.firstIdAt((from.isBefore(earliest) ? earliest : from).minus(overlap)) - 1;
			}
			List<Message> stored;
			try {
				stored = messages.after(room, since, CATCH_UP_LIMIT + 1);
			}
			catch (RuntimeException ex) {
				log.warn("catching up room {} failed; its sockets are asked to resume: {}", room.slug(), ex.toString());
				stored = null;
			}
			synchronized (this) {
				if (generation != startedAt) {
					return; // interrupted again meanwhile: the next resume catches up
				}
				interrupted = false;
				if (stored == null || stored.size() > CATCH_UP_LIMIT) {
					for (RoomSubscription member : members()) {
						member.connection().close(CloseStatus.GOING_AWAY.withReason("resume"));
					}
					return;
				}
				List<RoomSubscription.Buffered> missed = new ArrayList<>();
				for (Message message : stored) {
					if (recent.add(message.id())) {
						missed.add(new RoomSubscription.Buffered(message.id(), codec.message(message)));
					}
				}
				if (!missed.isEmpty()) {
					log.info("room {}: {} message(s) missed while the broker was interrupted, sent now", room.slug(),
							missed.size());
				}
				for (RoomSubscription member : members()) {
					member.release(missed);
				}
			}
		}

	}

}
