package io.chatspace.support.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@link TokenBuckets} in this process's memory: a bounded Caffeine cache of Bucket4j
 * buckets (idle ones are evicted; an attacker trying many keys cannot grow the heap).
 */
@Component
@Profile("!redis")
class LocalTokenBuckets implements TokenBuckets {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofHours(1))
		.maximumSize(1_000_000)
		.build();

	@Override
	public boolean tryConsume(String key, Limit limit) {
		return bucket(key, limit).tryConsume(1);
	}

	@Override
	public long available(String key, Limit limit) {
		return bucket(key, limit).getAvailableTokens();
	}

	private Bucket bucket(String key, Limit limit) {
		return buckets.get(key, k -> Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
			.build());
	}

}
