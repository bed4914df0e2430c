package io.chatspace.cassandra;

import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code cassandra} profile's connection. Spring Boot configures the session builder
 * from {@code spring.cassandra.*}; Boot's own {@code CqlSession} bean (lazy) is never
 * used, because it would make the node fail to start while Cassandra is down.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cassandra")
@EnableConfigurationProperties(CassandraSettings.class)
class CassandraConfiguration {

	@Bean
	CassandraConnection cassandraConnection(ObjectProvider<CqlSessionBuilder> builders,
			CassandraConnectionDetails details, CassandraSettings settings) {
		String contactPoints = details.getContactPoints()
			.stream()
			.map(node -> node.host() + ":" + node.port())
			.collect(Collectors.joining(","));
		if (contactPoints.isEmpty()) {
			contactPoints = "127.0.0.1:9042"; // the driver's default
		}
		return new CassandraConnection(builders::getObject, contactPoints, settings);
	}

	/**
	 * A node that went down is tried again at least every few seconds, not every minute.
	 */
	@Bean
	DriverConfigLoaderBuilderCustomizer chatSpaceReconnection(CassandraSettings settings) {
		return builder -> builder
			.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY,
					settings.reconnectMaxDelay().compareTo(java.time.Duration.ofSeconds(1)) < 0
							? settings.reconnectMaxDelay() : java.time.Duration.ofSeconds(1))
			.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, settings.reconnectMaxDelay())
			// schema changes (at start only) are not held back by a second each
			.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, java.time.Duration.ofMillis(100));
	}

	@Bean
	CassandraHealthIndicator cassandraHealthIndicator(CassandraConnection connection) {
		return new CassandraHealthIndicator(connection);
	}

}
