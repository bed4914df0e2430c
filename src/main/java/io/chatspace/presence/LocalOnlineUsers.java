package io.chatspace.presence;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@link OnlineUsers} in this process's memory (right for a single node): a
 * {@link PresenceLedger} flushed every {@code flush-interval} on a thread of its own,
 * which publishes the changes as a {@link PresenceChanged} event.
 */
@Component
class LocalOnlineUsers implements OnlineUsers, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LocalOnlineUsers.class);

	private final PresenceLedger ledger;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PresenceProperties properties;

	private volatile ScheduledExecutorService flusher;

	LocalOnlineUsers(ApplicationEventPublisher events, Clock clock, PresenceProperties properties) {
		this.ledger = new PresenceLedger(properties.offlineGrace());
		this.events = events;
		this.clock = clock;
		this.properties = properties;
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
	public Set<String> online() {
		return ledger.announced();
	}

	@Override
	public boolean isOnline(String user) {
		return ledger.isAnnounced(user);
	}

	/** Announces what changed since the last flush, if anything did. */
	void flush() {
		try {
			PresenceLedger.Changes changes = ledger.flush(clock.instant());
			if (!changes.isEmpty()) {
				events.publishEvent(new PresenceChanged(changes.online(), changes.offline()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("announcing presence changes failed", ex);
		}
	}

	@Override
	public void start() {
		long every = Math.max(1, properties.flushInterval().toMillis());
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence-flush").daemon().factory());
		executor.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
		flusher = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = flusher;
		flusher = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return flusher != null;
	}

}
