package io.chatspace.messaging;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * A Bucket4j token bucket per user for sending messages: {@code burst} at once, then
 * {@code perSecond} (greedy refill). Buckets of idle users are evicted.
 */
@Component
class SendRateLimiter {

	private final RateLimitProperties properties;

	private final Cache<Long, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(1_000_000)
		.build();

	SendRateLimiter(RateLimitProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param userId the sender
	 * @return whether the user may send one more message now
	 */
	boolean tryAcquire(long userId) {
		if (!properties.enabled()) {
			return true;
		}
		return buckets
			.get(userId,
					id -> Bucket.builder()
						.addLimit(limit -> limit.capacity(properties.send().burst())
							.refillGreedy(properties.send().perSecond(), Duration.ofSeconds(1)))
						.build())
			.tryConsume(1);
	}

}
