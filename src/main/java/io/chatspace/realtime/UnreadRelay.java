package io.chatspace.realtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.inbox.Inbox;
import io.chatspace.inbox.ReadMarkerMoved;
import io.chatspace.messaging.MessagePosted;
import io.chatspace.rooms.MemberAdded;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every user's unread counts live on their sockets. A new message marks its room
 * changed; a read marker that moved, or a user added to a room, marks that user's count
 * in the room changed. Every {@code chatspace.realtime.unread-interval} the changes are
 * worked off on a thread of its own (never on the message writer's thread): for each
 * changed room, the followers with a socket on this node; for each of them, the count is
 * read from the {@link Inbox} and sent as one {@code unread} frame to all of the user's
 * sockets ({@link UserSockets}, a per-user topic on the {@link Broker}). A burst of
 * messages in a room costs one count per follower per interval, not one per message.
 * <p>
 * With several nodes a message is posted on one node but its room's followers are
 * everywhere: each node publishes the ids of the rooms that got messages on it, once per
 * interval, on the broker topic {@value #ROOMS_TOPIC}, and every node works off the rooms
 * it hears of there (its own included).
 */
@Component
class UnreadRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UnreadRelay.class);

	/**
	 * The topic of the rooms that got messages (comma-separated ids, not a client frame).
	 */
	static final String ROOMS_TOPIC = "unread:rooms";

	private final Inbox inbox;

	private final Accounts accounts;

	private final Broker broker;

	private final Rooms rooms;

	private final UserSockets users;

	private final FrameCodec codec;

	private final RealtimeProperties properties;

	// rooms that got messages on this node, to be published
	private final Set<Long> postedRooms = ConcurrentHashMap.newKeySet();

	// rooms that got messages on any node
	private final Set<Long> changedRooms = ConcurrentHashMap.newKeySet();

	private volatile Broker.Subscription subscription;

	// user and room -> whether the count goes to the user's sockets on every node (true)
	// or on this node only (every node hears of changed rooms and serves its own sockets)
	private final Map<Change, Boolean> changes = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService flusher;

	UnreadRelay(Inbox inbox, Accounts accounts, Broker broker, Rooms rooms, UserSockets users, FrameCodec codec,
			RealtimeProperties properties) {
		this.inbox = inbox;
		this.accounts = accounts;
		this.broker = broker;
		this.rooms = rooms;
		this.users = users;
		this.codec = codec;
		this.properties = properties;
	}

	/** Runs on the message writer's thread: only notes the room. */
	@EventListener
	void on(MessagePosted posted) {
		postedRooms.add(posted.roomId());
	}

	@EventListener
	void on(ReadMarkerMoved moved) {
		if (users.isLocal(moved.userId())) {
			changes.merge(new Change(moved.userId(), moved.roomId()), true, Boolean::logicalOr);
		}
	}

	/** The added user may have sockets on any node: their count is sent from here. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberAdded added) {
		changes.merge(new Change(added.userId(), added.roomId()), true, Boolean::logicalOr);
	}

	/**
	 * Sends the counts that changed since the last flush, in one {@link WriteBatch}: a
	 * socket that gets the counts of several rooms gets them in one write.
	 */
	void flush() {
		WriteBatch.run(this::flushChanges);
	}

	private void flushChanges() {
		publishPostedRooms();
		List<Long> failedRooms = new ArrayList<>();
		Map<Change, Boolean> failed = new HashMap<>();
		for (Iterator<Long> it = changedRooms.iterator(); it.hasNext();) {
			long roomId = it.next();
			it.remove();
			try {
				rooms.findById(roomId).ifPresent(room -> {
					for (long follower : inbox.followers(room)) {
						if (users.isLocal(follower)) {
							changes.merge(new Change(follower, roomId), false, Boolean::logicalOr);
						}
					}
				});
			}
			catch (RuntimeException ex) {
				failedRooms.add(roomId);
				failure(ex);
			}
		}
		for (Change change : List.copyOf(changes.keySet())) {
			Boolean everywhere = changes.remove(change);
			if (everywhere == null) {
				continue;
			}
			try {
				send(change, everywhere);
			}
			catch (RuntimeException ex) {
				failed.put(change, everywhere);
				failure(ex);
			}
		}
		// a store that is down: try again at the next flush
		changedRooms.addAll(failedRooms);
		failed.forEach((change, everywhere) -> changes.merge(change, everywhere, Boolean::logicalOr));
	}

	private void publishPostedRooms() {
		if (postedRooms.isEmpty()) {
			return;
		}
		StringBuilder ids = new StringBuilder();
		for (Iterator<Long> it = postedRooms.iterator(); it.hasNext();) {
			ids.append(ids.isEmpty() ? "" : ",").append(it.next());
			it.remove();
		}
		broker.publish(RoomEvent.toRoom(ROOMS_TOPIC, 0, ids.toString().getBytes(StandardCharsets.US_ASCII)));
	}

	private void heard(RoomEvent event) {
		for (String id : new String(event.frame(), StandardCharsets.US_ASCII).split(",")) {
			try {
				changedRooms.add(Long.parseLong(id));
			}
			catch (NumberFormatException ex) {
				log.debug("ignoring room id {} on {}", id, ROOMS_TOPIC);
			}
		}
	}

	private void send(Change change, boolean everywhere) {
		Account account = users.account(change.userId());
		if (account == null) {
			// no socket on this node: only a membership change is sent from here anyway
			account = accounts.findById(change.userId()).orElse(null);
			if (account == null) {
				return;
			}
		}
		Room room = rooms.findById(change.roomId()).orElse(null);
		if (room == null || !rooms.canAccess(room, account)) {
			return;
		}
		byte[] frame = codec.unread(inbox.conversation(account, room));
		if (everywhere) {
			users.publish(account.id(), frame);
		}
		else {
			users.sendLocal(account.id(), frame);
		}
	}

	private static void failure(RuntimeException ex) {
		if (StoreFailures.isStoreFailure(ex)) {
			log.debug("unread counts not sent, the store is unavailable: {}", ex.toString());
		}
		else {
			log.warn("unread counts not sent", ex);
		}
	}

	@Override
	public synchronized void start() {
		subscription = broker.subscribe(ROOMS_TOPIC, this::heard);
		long every = Math.max(1, properties.unreadInterval().toMillis());
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("unread-relay").daemon().factory());
		executor.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
		flusher = executor;
	}

	@Override
	public synchronized void stop() {
		if (subscription != null) {
			subscription.close();
			subscription = null;
		}
		if (flusher != null) {
			flusher.shutdownNow();
			flusher = null;
		}
	}

	@Override
	public boolean isRunning() {
		return flusher != null;
	}

	/** One user's count in one room is to be sent again. */
	private record Change(long userId, long roomId) {
	}

}
