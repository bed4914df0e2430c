package io.chatspace.presence.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chatspace.presence.PresenceProperties;
import io.chatspace.presence.RoomPresenceChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The node's presence chores, on one thread: every {@code flush-interval} it writes and
 * announces online changes ({@link RedisOnlineUsers#flush()}) and sweeps expired holds
 * (the users of nodes that stopped renewing); every {@code heartbeat-interval} it renews
 * everything this node holds, which also restores it after Redis lost it. Members that
 * appear or vanish this way are announced: online ones through the {@code presence}
 * channel, room ones as {@link RoomPresenceChanged} events for the gateway.
 */
@Component
@Profile("redis")
class PresenceHeartbeat implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PresenceHeartbeat.class);

	static final int SWEEP_LIMIT = 500;

	private final PresenceSets sets;

	private final RedisOnlineUsers online;

	private final RedisRoomPresence rooms;

	private final ApplicationEventPublisher events;

	private final PresenceProperties properties;

	private volatile ScheduledExecutorService executor;

	PresenceHeartbeat(PresenceSets sets, RedisOnlineUsers online, RedisRoomPresence rooms,
			ApplicationEventPublisher events, PresenceProperties properties) {
		this.sets = sets;
		this.online = online;
		this.rooms = rooms;
		this.events = events;
		this.properties = properties;
	}

	void flush() {
		try {
			online.flush();
			route(sets.sweep(SWEEP_LIMIT));
		}
		catch (RuntimeException ex) {
			log.warn("presence flush failed: {}", ex.toString());
		}
	}

	void heartbeat() {
		try {
			List<PresenceSets.Entry> held = new ArrayList<>(online.held());
			held.addAll(rooms.held());
			route(sets.touch(held, properties.heartbeatTimeout()));
		}
		catch (RuntimeException ex) {
			log.warn("presence heartbeat failed (holds expire after {} without one): {}", properties.heartbeatTimeout(),
					ex.toString());
		}
	}

	private void route(List<PresenceSets.Flip> flips) {
		List<PresenceSets.Flip> users = new ArrayList<>();
		Map<String, RoomPresenceChanged> byRoom = new LinkedHashMap<>();
		for (PresenceSets.Flip flip : flips) {
			if (flip.view().equals(online.view())) {
				users.add(flip);
				continue;
			}
			String room = rooms.roomOf(flip.view());
			if (room != null) {
				RoomPresenceChanged changed = byRoom.computeIfAbsent(room,
						r -> new RoomPresenceChanged(r, new ArrayList<>(), new ArrayList<>()));
				(flip.present() ? changed.joins() : changed.leaves()).add(flip.member());
			}
		}
		online.changed(users);
		byRoom.values().forEach(events::publishEvent);
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence-heartbeat").daemon().factory());
		long flushEvery = Math.max(1, properties.flushInterval().toMillis());
		long heartbeatEvery = Math.max(1, properties.heartbeatInterval().toMillis());
		started.scheduleWithFixedDelay(this::flush, flushEvery, flushEvery, TimeUnit.MILLISECONDS);
		started.scheduleWithFixedDelay(this::heartbeat, heartbeatEvery, heartbeatEvery, TimeUnit.MILLISECONDS);
		executor = started;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService running = executor;
		executor = null;
		if (running != null) {
			running.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

}
