package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chatspace.accounts.Account;
import io.chatspace.inbox.Inbox;
import io.chatspace.inbox.ReadMarkerMoved;
import io.chatspace.messaging.MessagePosted;
import io.chatspace.rooms.MemberAdded;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.Rooms;
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
 */
@Component
class UnreadRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UnreadRelay.class);

	private final Inbox inbox;

	private final Rooms rooms;

	private final UserSockets users;

	private final FrameCodec codec;

	private final RealtimeProperties properties;

	private final Set<Long> changedRooms = ConcurrentHashMap.newKeySet();

	private final Set<Change> changes = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService flusher;

	UnreadRelay(Inbox inbox, Rooms rooms, UserSockets users, FrameCodec codec, RealtimeProperties properties) {
		this.inbox = inbox;
		this.rooms = rooms;
		this.users = users;
		this.codec = codec;
		this.properties = properties;
	}

	/** Runs on the message writer's thread: only notes the room. */
	@EventListener
	void on(MessagePosted posted) {
		changedRooms.add(posted.roomId());
	}

	@EventListener
	void on(ReadMarkerMoved moved) {
		if (users.isLocal(moved.userId())) {
			changes.add(new Change(moved.userId(), moved.roomId()));
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberAdded added) {
		if (users.isLocal(added.userId())) {
			changes.add(new Change(added.userId(), added.roomId()));
		}
	}

	/** Sends the counts that changed since the last flush. */
	void flush() {
		List<Long> failedRooms = new ArrayList<>();
		List<Change> failed = new ArrayList<>();
		for (Iterator<Long> it = changedRooms.iterator(); it.hasNext();) {
			long roomId = it.next();
			it.remove();
			try {
				rooms.findById(roomId).ifPresent(room -> {
					for (long follower : inbox.followers(room)) {
						if (users.isLocal(follower)) {
							changes.add(new Change(follower, roomId));
						}
					}
				});
			}
			catch (RuntimeException ex) {
				failedRooms.add(roomId);
				failure(ex);
			}
		}
		for (Iterator<Change> it = changes.iterator(); it.hasNext();) {
			Change change = it.next();
			it.remove();
			try {
				send(change);
			}
			catch (RuntimeException ex) {
				failed.add(change);
				failure(ex);
			}
		}
		// a store that is down: try again at the next flush
		changedRooms.addAll(failedRooms);
		changes.addAll(failed);
	}

	private void send(Change change) {
		Account account = users.account(change.userId());
		if (account == null) {
			return; // no socket left on this node
		}
		Room room = rooms.findById(change.roomId()).orElse(null);
		if (room == null || !rooms.canAccess(room, account)) {
			return;
		}
		users.publish(account.id(), codec.unread(inbox.conversation(account, room)));
	}

	private static void failure(RuntimeException ex) {
		if (ex instanceof org.springframework.dao.DataAccessException
				|| ex instanceof org.springframework.transaction.TransactionException) {
			log.debug("unread counts not sent, the store is unavailable: {}", ex.toString());
		}
		else {
			log.warn("unread counts not sent", ex);
		}
	}

	@Override
	public synchronized void start() {
		long every = Math.max(1, properties.unreadInterval().toMillis());
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("unread-relay").daemon().factory());
		executor.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
		flusher = executor;
	}

	@Override
	public synchronized void stop() {
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
