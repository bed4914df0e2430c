package io.chatspace.support.datasource;

import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The primary/replica router (the Spring analogue of a database router): one
 * {@link LazyConnectionDataSourceProxy} whose connections are taken from the primary, or,
 * for read-only transactions ({@code @Transactional(readOnly = true)}), from
 * {@link ReplicaReads}. Active when {@code chatspace.datasource.replica.url} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "chatspace.datasource.replica", name = "url")
class ReplicaRoutingConfiguration {

	static final String HEALTH_DEGRADED = "DEGRADED";

	@Bean
	@Primary
	DataSource dataSource(HikariDataSource primaryDataSource, ReplicaReads reads) {
		var proxy = new LazyConnectionDataSourceProxy(primaryDataSource);
		proxy.setReadOnlyDataSource(reads);
		return proxy;
	}

	@Bean(destroyMethod = "close")
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource primaryDataSource(DataSourceProperties properties) {
		HikariDataSource primary = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		primary.setPoolName("primary");
		return primary;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource replicaDataSource(DataSourceProperties primary, ReplicaProperties replica) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("replica");
		pool.setJdbcUrl(replica.url());
		pool.setUsername(replica.username() != null ? replica.username() : primary.determineUsername());
		pool.setPassword(replica.password() != null ? replica.password() : primary.determinePassword());
		pool.setReadOnly(true);
		pool.setConnectionTimeout(replica.connectionTimeout().toMillis());
		// start even while the replica is down: it is tried again on use
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	@Bean
	ReplicaReads replicaReads(HikariDataSource replicaDataSource, HikariDataSource primaryDataSource,
			ReplicaProperties replica, Clock clock) {
		return new ReplicaReads(replicaDataSource, primaryDataSource, replica, clock);
	}

	@Bean
	FilterRegistrationBean<ReadYourWrites> readYourWrites(ReplicaProperties replica) {
		// after Spring Security (which sets the user), before the controllers
		var registration = new FilterRegistrationBean<>(new ReadYourWrites(replica));
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}

	@Bean
	HealthIndicator replicaHealthIndicator(ReplicaReads reads, ReplicaProperties replica) {
		return () -> reads.replicaInUse() ? Health.up().withDetail("url", replica.url()).build()
				: Health.status(HEALTH_DEGRADED)
					.withDetail("url", replica.url())
					.withDetail("reads", "primary")
					.withDetail("error", String.valueOf(reads.lastFailure()))
					.build();
	}

}
