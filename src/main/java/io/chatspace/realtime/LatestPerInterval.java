package io.chatspace.realtime;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Relays at most one event per key per interval, and never loses the last one: an event
 * that comes too soon after the previous relay waits for the interval's end, replacing
 * any event already waiting for that key (a throttle with leading and trailing edge). For
 * {@code doc.cursor}: a caret that stops moving is always shown where it stopped.
 */
final class LatestPerInterval {

	private final long intervalNanos;

	private final ScheduledExecutorService timer;

	private final Cache<String, Slot> slots = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(1))
		.maximumSize(1_000_000)
		.build();

	/**
	 * @param interval the least time between two relays for one key
	 * @param timer runs the relays that waited (must not be shut down while in use)
	 */
	LatestPerInterval(Duration interval, ScheduledExecutorService timer) {
		this.intervalNanos = interval.toNanos();
		this.timer = timer;
	}

	/**
	 * Relays the event now, or at the end of the key's interval if none of its events
	 * comes later.
	 * @param key what is throttled (a document and a user)
	 * @param relay the relay of this event; must not block
	 */
	void offer(String key, Runnable relay) {
		Slot slot = slots.get(key, k -> new Slot());
		long delay;
		synchronized (slot) {
			long now = System.nanoTime();
			if (slot.pending == null && now - slot.lastRelayed >= intervalNanos) {
				slot.lastRelayed = now;
				delay = -1;
			}
			else {
				boolean scheduled = slot.pending != null;
				slot.pending = relay;
				if (scheduled) {
					return;
				}
				delay = Math.max(0, slot.lastRelayed + intervalNanos - now);
			}
		}
		if (delay < 0) {
			relay.run();
		}
		else {
			timer.schedule(() -> relayPending(slot), delay, TimeUnit.NANOSECONDS);
		}
	}

	private static void relayPending(Slot slot) {
		Runnable relay;
		synchronized (slot) {
			relay = slot.pending;
			slot.pending = null;
			slot.lastRelayed = System.nanoTime();
		}
		if (relay != null) {
			relay.run();
		}
	}

	private static final class Slot {

		// the time of the last relay, System.nanoTime(); far in the past at first
		long lastRelayed = System.nanoTime() - Long.MAX_VALUE / 2;

		// the event waiting for the interval's end, or null
		Runnable pending;

	}

}
