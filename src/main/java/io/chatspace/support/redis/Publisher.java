package io.chatspace.support.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing side of {@link RedisChannels}: one connection, {@code PUBLISH} without
 * waiting (in order per calling thread), and the channels a publish failed on. Their
 * subscribers are sent a gap notice before the channel's next message, or after
 * {@code lost-publish-retry} if none comes, once Redis answers again.
 */
final class Publisher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Publisher.class);

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final Supplier<byte[]> gapNotice;

	// channels whose subscribers must be told that a publish to them was lost
	private final Set<String> lost = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService retries = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("redis-lost-publish").daemon().factory());

	Publisher(StatefulRedisConnection<byte[], byte[]> connection, Duration retryEvery, Supplier<byte[]> gapNotice) {
		this.connection = connection;
		this.gapNotice = gapNotice;
		long every = Math.max(50, retryEvery.toMillis());
		retries.scheduleWithFixedDelay(this::retryLost, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Publishes a message, after a gap notice if an earlier publish to the channel
	 * failed.
	 * @return completes when Redis took it (or failed: then the channel is remembered)
	 */
	CompletableFuture<?> send(String channel, byte[] message) {
		if (!lost.isEmpty() && lost.remove(channel)) {
			publish(channel, gapNotice.get());
		}
		return publish(channel, message);
	}

	private CompletableFuture<?> publish(String channel, byte[] message) {
		try {
			return connection.async()
				.publish(channel.getBytes(StandardCharsets.UTF_8), message)
				.toCompletableFuture()
				.whenComplete((n, ex) -> {
					if (ex != null) {
						lost(channel, ex);
					}
				});
		}
		catch (RuntimeException ex) {
			lost(channel, ex);
			return CompletableFuture.completedFuture(null);
		}
	}

	private void lost(String channel, Throwable ex) {
		if (lost.add(channel)) {
			log.debug("publish to {} failed, its subscribers will be told to catch up: {}", channel, ex.toString());
		}
	}

	private void retryLost() {
		if (lost.isEmpty()) {
			return;
		}
		for (String channel : List.copyOf(lost)) {
			if (lost.remove(channel)) {
				publish(channel, gapNotice.get());
			}
		}
	}

	@Override
	public void close() {
		retries.shutdownNow();
		connection.close();
	}

}
