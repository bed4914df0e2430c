package io.chatspace.messaging;

import java.time.Duration;

import io.chatspace.support.ratelimit.TokenBuckets;

import org.springframework.stereotype.Component;

/**
 * A token bucket per user for sending messages: {@code burst} at once, then
 * {@code perSecond} (greedy refill). The buckets are {@link TokenBuckets}: shared by
 * every node when they live in Redis.
 */
@Component
class SendRateLimiter {

	private final RateLimitProperties properties;

	private final TokenBuckets buckets;

	private final TokenBuckets.Limit limit;

	SendRateLimiter(RateLimitProperties properties, TokenBuckets buckets) {
		this.properties = properties;
		this.buckets = buckets;
		this.limit = new TokenBuckets.Limit(properties.send().burst(), properties.send().perSecond(),
				Duration.ofSeconds(1));
	}

	/**
	 * @param userId the sender
	 * @return whether the user may send one more message now
	 */
	boolean tryAcquire(long userId) {
		if (!properties.enabled()) {
			return true;
		}
		return buckets.tryConsume("send:" + userId, limit);
	}

}
