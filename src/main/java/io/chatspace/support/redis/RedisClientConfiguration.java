package io.chatspace.support.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Lettuce client of profile {@code redis}: Spring Boot's connection factory (so
 * {@code spring.data.redis.*} configures it), with commands that fail at once while Redis
 * is unreachable (instead of piling up in memory) and time out after
 * {@code spring.data.redis.timeout}; Lettuce reconnects by itself, at least every 2
 * seconds.
 */
@Configuration(proxyBeanMethods = false)
@Profile("redis")
class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer chatSpaceLettuceOptions() {
		return builder -> builder.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled());
	}

	/** Reconnect attempts back off exponentially, but never wait more than 2 seconds. */
	@Bean
	ClientResourcesBuilderCustomizer chatSpaceReconnectDelay() {
		return builder -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

	/** The native client behind Spring Data Redis, for pub/sub and Bucket4j. */
	@Bean
	RedisClient redisClient(LettuceConnectionFactory factory) {
		if (factory.getRequiredNativeClient() instanceof RedisClient client) {
			return client;
		}
		throw new IllegalStateException(
				"ChatSpace needs a standalone or Sentinel Redis (spring.data.redis.host/port or .sentinel); Redis Cluster is not supported");
	}

}
