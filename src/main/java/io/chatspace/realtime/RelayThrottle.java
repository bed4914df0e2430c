package io.chatspace.realtime;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Lets through at most one event per user per topic per interval ({@code typing},
 * {@code doc.cursor}); the rest are dropped.
 */
final class RelayThrottle {

	private final Cache<String, Boolean> recent;

	RelayThrottle(Duration interval) {
		this.recent = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(1_000_000).build();
	}

	/**
	 * @return whether this event is to be relayed
	 */
	boolean tryRelay(String topic, String user) {
		return recent.asMap().putIfAbsent(topic + '\u0000' + user, Boolean.TRUE) == null;
	}

}
