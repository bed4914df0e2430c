package io.chatspace.realtime;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/** Relays at most one {@code typing} per user per room per {@code chatspace.realtime.typing-interval}. */
@Component
class TypingThrottle {

	private final Cache<String, Boolean> recent;

	TypingThrottle(RealtimeProperties properties) {
		Duration interval = properties.typingInterval();
		this.recent = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(1_000_000).build();
	}

	/** @return whether this {@code typing} is to be relayed */
	boolean tryRelay(String room, String user) {
		return recent.asMap().putIfAbsent(room + '\u0000' + user, Boolean.TRUE) == null;
	}

}
