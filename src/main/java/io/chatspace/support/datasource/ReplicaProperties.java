package io.chatspace.support.datasource;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read replica, {@code chatspace.datasource.replica.*}; the primary is Spring Boot's
 * own {@code spring.datasource.*}.
 *
 * @param url the replica's JDBC URL (unset: no replica, everything on the primary)
 * @param username the replica's user (default: the primary's)
 * @param password the replica's password (default: the primary's)
 * @param readYourWrites how long a user's reads stay on the primary after that user wrote
 * (longer than the replica's usual lag)
 * @param retryAfter how long an unreachable replica is skipped before it is tried again
 * @param connectionTimeout how long to wait for a replica connection before falling back
 */
@ConfigurationProperties("chatspace.datasource.replica")
public record ReplicaProperties(String url, String username, String password,
		@DefaultValue("5s") Duration readYourWrites, @DefaultValue("10s") Duration retryAfter,
		@DefaultValue("2s") Duration connectionTimeout) {
}
