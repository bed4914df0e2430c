package io.chatspace.support.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ChatSpace's own Redis settings, {@code chatspace.redis.*}; the connection itself is
 * Spring Boot's {@code spring.data.redis.*}.
 *
 * @param prefix put before every key and channel name, so that several deployments (or
 * test runs) can share one Redis
 * @param nodeLease how long a leased node id stays reserved without renewal (renewed
 * every third of it; a node that dies frees its id after this long)
 * @param lostPublishRetry how often a node retries telling a channel's subscribers that
 * it could not publish to it (while Redis was unreachable)
 * @param subscribeTimeout how long a subscription waits for Redis to confirm it
 * @param announceTimeout how long a node waits for Redis to take the announcement of
 * messages it is about to commit (the commit waits that long at most)
 */
@ConfigurationProperties("chatspace.redis")
public record RedisSettings(@DefaultValue("chatspace:") String prefix, @DefaultValue("30s") Duration nodeLease,
		@DefaultValue("1s") Duration lostPublishRetry, @DefaultValue("5s") Duration subscribeTimeout,
		@DefaultValue("1s") Duration announceTimeout) {

	/**
	 * @param name a key or channel name
	 * @return the name in this deployment's namespace
	 */
	public String key(String name) {
		return prefix + name;
	}

}
