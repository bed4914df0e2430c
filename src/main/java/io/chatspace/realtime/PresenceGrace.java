package io.chatspace.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grace period of a closed socket's room presence: its leaves are carried out
 * {@code grace} after the close, so that a client that reconnects and joins again within
 * it (a reload, a network blip, a reconnect storm after a node restart) is neither
 * announced as leaving nor as joining, and leaves no pair of audit events. The socket
 * itself stops receiving the room at once; only its place in the room's presence waits.
 * The same rule as the server-wide presence's {@code chatspace.presence.offline-grace},
 * which sets both.
 */
final class PresenceGrace {

	private static final Logger log = LoggerFactory.getLogger(PresenceGrace.class);

	private final long graceMillis;

	private final ScheduledExecutorService timer;

	// the leaves waiting for their time
	private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();

	/**
	 * @param grace how long a closed socket still counts as present in its rooms; zero
	 * carries every leave out at once
	 */
	PresenceGrace(Duration grace) {
		this.graceMillis = Math.max(0, grace.toMillis());
		this.timer = graceMillis == 0 ? null : Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence-grace").daemon().factory());
	}

	/**
	 * Carries out a closed socket's leave after the grace period (at once when there is
	 * none, or after {@link #stop}).
	 * @param leave the leave: removes the socket from the room's presence and announces
	 * the user's leave if it was their last socket there; a runtime exception it throws
	 * is logged
	 */
	void later(Runnable leave) {
		if (timer != null) {
			waiting.add(leave);
			try {
				timer.schedule(() -> runIfWaiting(leave), graceMillis, TimeUnit.MILLISECONDS);
				return;
			}
			catch (RejectedExecutionException ex) {
				// stopped: at once
			}
		}
		runIfWaiting(leave);
	}

	/** Carries out every waiting leave now; later ones are carried out at once. */
	void stop() {
		if (timer == null) {
			return;
		}
		timer.shutdownNow();
		List.copyOf(waiting).forEach(this::runIfWaiting);
	}

	// whoever takes a leave out of the waiting set (the timer or stop) carries it out
	private void runIfWaiting(Runnable leave) {
		if (timer == null || waiting.remove(leave)) {
			run(leave);
		}
	}

	private static void run(Runnable leave) {
		try {
			leave.run();
		}
		catch (RuntimeException ex) {
			log.warn("a closed socket's room leave failed: {}", ex.toString());
		}
	}

}
