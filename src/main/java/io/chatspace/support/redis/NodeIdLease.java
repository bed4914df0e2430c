package io.chatspace.support.redis;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * A node id leased in Redis, for nodes started without {@code chatspace.node-id}: the
 * lowest free id is taken with {@code SET NX} and a time to live
 * ({@code chatspace.redis.node-lease}), renewed every third of it while the node runs,
 * and given up on shutdown. A node that dies frees its id once the lease runs out. If
 * Redis lost the lease (a restart without persistence), the renewal takes it again.
 */
@Component
@Profile("redis")
public class NodeIdLease implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NodeIdLease.class);

	// 1: renewed, 2: taken again (the key was gone), 0: someone else holds it
	private static final RedisScript<Long> RENEW = RedisScript.of("""
			local v = redis.call('GET', KEYS[1])
			if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
			if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
			return 0""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisSettings settings;

	private final String token = UUID.randomUUID().toString();

	private ScheduledExecutorService renewer;

	private int nodeId = -1;

	NodeIdLease(StringRedisTemplate redis, RedisSettings settings) {
		this.redis = redis;
		this.settings = settings;
	}

	/**
	 * Takes the lowest free node id (once; later calls return the same id).
	 * @param max the highest id allowed
	 * @return the leased id
	 * @throws IllegalStateException when every id is taken
	 */
	public synchronized int acquire(int max) {
		if (nodeId >= 0) {
			return nodeId;
		}
		for (int n = 0; n <= max; n++) {
			if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key(n), token, settings.nodeLease()))) {
				nodeId = n;
				log.info("leased node id {} in Redis (key {})", n, key(n));
				long every = Math.max(100, settings.nodeLease().toMillis() / 3);
				renewer = Executors
					.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("node-id-lease").daemon().factory());
				renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
				return n;
			}
		}
		throw new IllegalStateException("every node id 0-" + max + " is leased in Redis; set chatspace.node-id");
	}

	private void renew() {
		try {
			Long result = redis.execute(RENEW, List.of(key(nodeId)), token,
					Long.toString(settings.nodeLease().toMillis()));
			if (result != null && result == 2) {
				log.warn("the lease of node id {} was gone from Redis (restarted?); taken again", nodeId);
			}
			else if (result != null && result == 0) {
				log.error("node id {} is leased by another node; message ids of the two may collide", nodeId);
			}
		}
		catch (RuntimeException ex) {
			log.warn("renewing the lease of node id {} failed: {}", nodeId, ex.toString());
		}
	}

	private String key(int n) {
		return settings.key("node-id:" + n);
	}

	@Override
	public synchronized void destroy() {
		if (renewer != null) {
			renewer.shutdownNow();
		}
		if (nodeId >= 0) {
			try {
				redis.execute(RELEASE, List.of(key(nodeId)), token);
			}
			catch (RuntimeException ex) {
				log.debug("giving up node id {} failed: {}", nodeId, ex.toString());
			}
		}
	}

}
