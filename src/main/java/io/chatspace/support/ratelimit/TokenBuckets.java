package io.chatspace.support.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * Named token buckets. Every node of a deployment sees the same bucket for a key when the
 * buckets live in Redis (profile {@code redis}); otherwise they live in this process.
 */
public interface TokenBuckets {

	/**
	 * @return new buckets in this process's memory (what one node uses)
	 */
	static TokenBuckets inMemory() {
		return new LocalTokenBuckets();
	}

	/**
	 * Takes one token if there is one.
	 * @param key the bucket's name, unique across all limits (e.g. {@code send:42})
	 * @param limit the bucket's limit (the same every time for one key)
	 * @return whether a token was taken
	 */
	boolean tryConsume(String key, Limit limit);

	/**
	 * @param key the bucket's name
	 * @param limit the bucket's limit
	 * @return the tokens available now (a new bucket is full)
	 */
	long available(String key, Limit limit);

	/**
	 * A bucket of {@code capacity} tokens refilled greedily with {@code refill} tokens
	 * per {@code period}.
	 *
	 * @param capacity the most tokens
	 * @param refill tokens added per period
	 * @param period the refill period
	 */
	record Limit(long capacity, long refill, Duration period) {

		BucketConfiguration configuration() {
			return BucketConfiguration.builder()
				.addLimit(limit -> limit.capacity(capacity).refillGreedy(refill, period))
				.build();
		}

	}

}
