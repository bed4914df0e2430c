package io.chatspace.support.redis;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code redis} health indicator: {@code UP} while the node's Redis subscriptions are
 * live, {@code DEGRADED} (still HTTP 200) while Redis is unreachable: the node keeps
 * serving its own sockets and storing messages, and catches up when Redis is back, so a
 * load balancer should not take every node out at once.
 */
@Configuration(proxyBeanMethods = false)
@Profile("redis")
class RedisHealthConfiguration {

	@Bean
	HealthIndicator redisHealthIndicator(RedisChannels channels) {
		return () -> channels.isConnected() ? Health.up().build()
				: Health.status("DEGRADED").withDetail("reason", "Redis is unreachable; reconnecting").build();
	}

}
