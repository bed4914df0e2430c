package io.chatspace.presence.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.chatspace.presence.OnlineUsers;
import io.chatspace.presence.PresenceChanged;
import io.chatspace.presence.PresenceLedger;
import io.chatspace.presence.PresenceProperties;
import io.chatspace.support.redis.RedisChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@link OnlineUsers} shared by every node, with the coalescing of the in-process one.
 * This node's sockets go through a {@link PresenceLedger} (offline grace, changes taken
 * once per flush); what it decides is written to the Redis view {@code presence:online}
 * (this node holds the users it announced, renewed by heartbeats). A change of the view
 * is announced on the channel {@code presence} as a hint; every node then reads the true
 * state of those users at its next flush and publishes the difference to what it
 * announced before as one {@link PresenceChanged} event. A user who comes and goes
 * between two flushes is announced nowhere.
 */
@Component
@Profile("redis")
class RedisOnlineUsers implements OnlineUsers, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisOnlineUsers.class);

	static final String CHANNEL = "presence";

	private final PresenceLedger ledger;

	private final PresenceSets sets;

	private final RedisChannels channels;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PresenceProperties properties;

	private final String view;

	private final RedisChannels.Subscription subscription;

	// users whose state in the view may differ from what this node announced
	private final Set<String> dirty = ConcurrentHashMap.newKeySet();

	// local changes not yet written to Redis (it was unreachable)
	private final Map<String, Boolean> unwritten = new ConcurrentHashMap<>();

	// guarded by this: the users this node announced online
	private final Set<String> announced = new TreeSet<>();

	// System.nanoTime() after which the whole view is read again (0: not due)
	private volatile long resyncAt;

	RedisOnlineUsers(PresenceSets sets, RedisChannels channels, ApplicationEventPublisher events, Clock clock,
			PresenceProperties properties) {
		this.ledger = new PresenceLedger(properties.offlineGrace());
		this.sets = sets;
		this.channels = channels;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.view = sets.view("online");
		this.subscription = channels.subscribe(CHANNEL, new RedisChannels.Listener() {
			@Override
			public void message(ByteBuffer payload) {
				String users = StandardCharsets.UTF_8.decode(payload).toString();
				for (String user : users.split("\n")) {
					if (!user.isEmpty()) {
						dirty.add(user);
					}
				}
			}

			@Override
			public void resumed() {
				// hints may be lost: read everything again once the nodes have renewed
				// what Redis may have lost
				resyncAt = System.nanoTime() + properties.heartbeatInterval().toNanos() * 3 / 2;
			}
		});
		try {
			announced.addAll(sets.members(view));
		}
		catch (RuntimeException ex) {
			log.warn("online users not readable from Redis at start: {}", ex.toString());
			resyncAt = System.nanoTime();
		}
	}

	@Override
	public void connected(String user, String socket) {
		ledger.connect(user, socket);
	}

	@Override
	public void disconnected(String user, String socket) {
		ledger.disconnect(user, socket, clock.instant());
	}

	@Override
	public synchronized Set<String> online() {
		return Collections.unmodifiableSet(new TreeSet<>(announced));
	}

	@Override
	public synchronized boolean isOnline(String user) {
		return announced.contains(user);
	}

	/**
	 * Writes this node's changes to Redis, then announces what changed in the view.
	 * Called every {@code flush-interval}.
	 */
	void flush() {
		PresenceLedger.Changes local = ledger.flush(clock.instant());
		local.online().forEach(user -> unwritten.put(user, true));
		local.offline().forEach(user -> unwritten.put(user, false));
		if (!unwritten.isEmpty()) {
			Map<String, Boolean> writing = Map.copyOf(unwritten);
			List<PresenceSets.Entry> entries = new ArrayList<>();
			writing.forEach((user, present) -> entries.add(new PresenceSets.Entry(view, user, present)));
			try {
				changed(sets.touch(entries, properties.heartbeatTimeout()));
				writing.forEach(unwritten::remove);
			}
			catch (RuntimeException ex) {
				log.warn("online users not written to Redis, retried at the next flush: {}", ex.toString());
			}
		}
		announce();
	}

	/**
	 * Members of the view that flipped (by any node's write or a sweep): tell every node.
	 */
	void changed(List<PresenceSets.Flip> flips) {
		if (flips.isEmpty()) {
			return;
		}
		StringBuilder users = new StringBuilder();
		for (PresenceSets.Flip flip : flips) {
			users.append(flip.member()).append('\n');
		}
		channels.publish(CHANNEL, users.toString().getBytes(StandardCharsets.UTF_8));
	}

	private void announce() {
		long resync = resyncAt;
		Map<String, Boolean> state;
		try {
			if (resync != 0 && System.nanoTime() >= resync) {
				resyncAt = 0;
				Set<String> members = sets.members(view);
				state = new java.util.HashMap<>();
				synchronized (this) {
					for (String user : announced) {
						state.put(user, false);
					}
				}
				members.forEach(user -> state.put(user, true));
				dirty.clear();
			}
			else {
				if (dirty.isEmpty()) {
					return;
				}
				List<String> users = List.copyOf(dirty);
				dirty.removeAll(users);
				state = sets.contains(view, users);
			}
		}
		catch (RuntimeException ex) {
			log.warn("online users not readable from Redis: {}", ex.toString());
			resyncAt = System.nanoTime();
			return;
		}
		List<String> online = new ArrayList<>();
		List<String> offline = new ArrayList<>();
		synchronized (this) {
			state.forEach((user, present) -> {
				if (present && announced.add(user)) {
					online.add(user);
				}
				else if (!present && announced.remove(user)) {
					offline.add(user);
				}
			});
		}
		if (!online.isEmpty() || !offline.isEmpty()) {
			Collections.sort(online);
			Collections.sort(offline);
			events.publishEvent(new PresenceChanged(online, offline));
		}
	}

	/**
	 * @return the users this node holds online (for the heartbeat)
	 */
	List<PresenceSets.Entry> held() {
		List<PresenceSets.Entry> entries = new ArrayList<>();
		for (String user : ledger.announced()) {
			if (!Boolean.FALSE.equals(unwritten.get(user))) {
				entries.add(new PresenceSets.Entry(view, user, true));
			}
		}
		return entries;
	}

	String view() {
		return view;
	}

	@Override
	public void destroy() {
		subscription.close();
	}

}
