package io.chatspace.realtime;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds dead sockets. A socket the server has not heard from (no frame of any kind, no
 * pong) for {@code pingAfter} gets a WebSocket ping, which every WebSocket stack answers
 * with a pong; one that stays silent for {@code timeout} is handed to {@code onTimeout}
 * (the gateway closes it and its user may go offline). A socket whose queued frames have
 * made no write progress for {@code sendTimeout} is cut
 * ({@link Connection#abortStalled}). Runs on a thread of its own.
 */
final class Heartbeats {

	private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

	private final long pingAfter;

	private final long timeout;

	private final long sendTimeout;

	private final Supplier<Collection<Connection>> connections;

	private final Consumer<Connection> onTimeout;

	private ScheduledExecutorService sweeper;

	Heartbeats(Duration pingAfter, Duration timeout, Duration sendTimeout, Supplier<Collection<Connection>> connections,
			Consumer<Connection> onTimeout) {
		this.pingAfter = pingAfter.toNanos();
		this.timeout = timeout.toNanos();
		this.sendTimeout = sendTimeout.toNanos();
		this.connections = connections;
		this.onTimeout = onTimeout;
	}

	synchronized void start() {
		if (sweeper != null) {
			return;
		}
		// often enough that a socket is dropped within a quarter of the timeout after it
		long every = Math.max(20, Math.min(Math.min(pingAfter, timeout), sendTimeout) / 4 / 1_000_000);
		sweeper = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ws-heartbeats").daemon().factory());
		sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
	}

	synchronized void stop() {
		if (sweeper != null) {
			sweeper.shutdownNow();
			sweeper = null;
		}
	}

	void sweep() {
		long now = System.nanoTime();
		for (Connection connection : connections.get()) {
			try {
				long silent = now - connection.lastHeard();
				if (connection.stalledFor(now) > sendTimeout) {
					connection.abortStalled();
				}
				if (silent > timeout) {
					onTimeout.accept(connection);
				}
				else if (silent > pingAfter && now - connection.lastPinged() > pingAfter) {
					connection.ping();
				}
			}
			catch (RuntimeException ex) {
				log.warn("heartbeat check of socket {} failed", connection.id(), ex);
			}
		}
	}

}
