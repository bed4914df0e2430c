package io.chatspace.presence.redis;

import java.time.Duration;

import io.chatspace.presence.Typing;
import io.chatspace.support.redis.RedisSettings;

import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link Typing} across nodes: a notice is relayed when {@code SET NX PX} of the key
 * {@code typing:<room>:<user>} succeeds, so a user typing in two tabs on two nodes is
 * still announced at most once per interval. If Redis cannot be reached the notice is
 * relayed (typing is best effort).
 */
@Component
@Profile("redis")
class RedisTyping implements Typing {

	private final StringRedisTemplate redis;

	private final RedisSettings settings;

	RedisTyping(StringRedisTemplate redis, RedisSettings settings) {
		this.redis = redis;
		this.settings = settings;
	}

	@Override
	public boolean relay(String room, String user, Duration interval) {
		try {
			return Boolean.TRUE
				.equals(redis.opsForValue().setIfAbsent(settings.key("typing:" + room + ":" + user), "1", interval));
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

}
