package io.chatspace.accounts;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Limits failed password checks per username and per client address with Bucket4j token
 * buckets: each failure takes a token from both buckets; an empty bucket blocks further
 * attempts until it refills. Buckets live in a bounded Caffeine cache so an attacker
 * trying many names cannot grow the heap.
 */
@Component
class LoginThrottle {

	private final Cache<String, Bucket> buckets;

	private final AccountsProperties.LoginThrottleProperties limits;

	LoginThrottle(AccountsProperties properties) {
		this.limits = properties.loginThrottle();
		this.buckets = Caffeine.newBuilder()
			.maximumSize(200_000)
			.expireAfterAccess(limits.window().plus(Duration.ofMinutes(1)))
			.build();
	}

	/**
	 * @param username the name tried (any case), may be {@literal null}
	 * @param address the client's address
	 * @return whether a password check must be refused without trying
	 */
	boolean isBlocked(String username, String address) {
		return bucket(userKey(username), limits.perUser()).getAvailableTokens() <= 0
				|| bucket("ip:" + address, limits.perAddress()).getAvailableTokens() <= 0;
	}

	void recordFailure(String username, String address) {
		bucket(userKey(username), limits.perUser()).tryConsume(1);
		bucket("ip:" + address, limits.perAddress()).tryConsume(1);
	}

	private static String userKey(String username) {
		return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
	}

	private Bucket bucket(String key, int capacity) {
		return buckets.get(key,
				k -> Bucket.builder()
					.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, limits.window()))
					.build());
	}

}
