package io.chatspace.support.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.chatspace.support.redis.RedisSettings;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@link TokenBuckets} in Redis, shared by every node: Bucket4j's Lettuce proxy manager
 * (compare-and-swap), each bucket a key that expires once it would be full again. While
 * Redis cannot be reached, the node falls back to buckets of its own (the limit then
 * holds per node) rather than refusing or allowing everything.
 */
@Component
@Profile("redis")
class RedisTokenBuckets implements TokenBuckets, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final ProxyManager<byte[]> buckets;

	private final RedisSettings settings;

	private final LocalTokenBuckets fallback = new LocalTokenBuckets();

	private final AtomicLong lastWarning = new AtomicLong();

	RedisTokenBuckets(RedisClient client, RedisSettings settings) {
		this.settings = settings;
		this.connection = client.connect(ByteArrayCodec.INSTANCE);
		this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.requestTimeout(Duration.ofSeconds(2))
			.build();
	}

	@Override
	public boolean tryConsume(String key, Limit limit) {
		try {
			return buckets.builder().build(redisKey(key), limit::configuration).tryConsume(1);
		}
		catch (RuntimeException ex) {
			warn(ex);
			return fallback.tryConsume(key, limit);
		}
	}

	@Override
	public long available(String key, Limit limit) {
		try {
			return buckets.builder().build(redisKey(key), limit::configuration).getAvailableTokens();
		}
		catch (RuntimeException ex) {
			warn(ex);
			return fallback.available(key, limit);
		}
	}

	private byte[] redisKey(String key) {
		return settings.key("bucket:" + key).getBytes(StandardCharsets.UTF_8);
	}

	private void warn(RuntimeException ex) {
		long now = System.currentTimeMillis();
		long last = lastWarning.get();
		if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
			log.warn("rate limits fall back to this node's own buckets, Redis failed: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		connection.close();
	}

}
