package io.chatspace.cassandra;

import java.time.Duration;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code cassandra} in {@code /actuator/health}: UP when the session is connected and a
 * node answers a query within two seconds, DOWN otherwise (so a load balancer stops
 * sending clients to a node that cannot store messages).
 */
class CassandraHealthIndicator implements HealthIndicator {

	private static final SimpleStatement PROBE = SimpleStatement.newInstance("SELECT release_version FROM system.local")
		.setTimeout(Duration.ofSeconds(2));

	private final CassandraConnection connection;

	CassandraHealthIndicator(CassandraConnection connection) {
		this.connection = connection;
	}

	@Override
	public Health health() {
		if (!connection.isConnected()) {
			return Health.down()
				.withDetail("contactPoints", connection.contactPoints())
				.withDetail("error", "not connected")
				.build();
		}
		try {
			var row = connection.session().execute(PROBE).one();
			return Health.up()
				.withDetail("contactPoints", connection.contactPoints())
				.withDetail("version", row == null ? "unknown" : row.getString(0))
				.build();
		}
		catch (RuntimeException ex) {
			return Health.down()
				.withDetail("contactPoints", connection.contactPoints())
				.withDetail("error", CassandraConnection.translate(ex).getMessage())
				.build();
		}
	}

}
