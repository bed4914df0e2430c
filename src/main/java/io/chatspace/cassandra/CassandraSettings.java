package io.chatspace.cassandra;

import java.time.Duration;
import java.util.Map;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * ChatSpace's own Cassandra settings, {@code chatspace.cassandra.*}; the connection
 * itself (contact points, local datacenter, credentials, timeouts) is Spring Boot's
 * {@code spring.cassandra.*}.
 *
 * @param keyspace the keyspace, created with {@code replication} when missing
 * @param replication how the keyspace is replicated when ChatSpace creates it
 * @param consistency the consistency level of every read and write
 * @param bucketSize the time window of one partition of a room's history; fixed when the
 * keyspace is created (a different value later is ignored with a warning)
 * @param startupWait how long the node's start waits for the first connection; after that
 * it starts anyway and keeps connecting in the background
 * @param connectRetry the longest pause between two attempts to connect at start
 * @param reconnectMaxDelay the driver's longest pause between two attempts to reach a
 * node that went down
 * @param maxBatchBytes the largest unlogged batch (estimated payload) sent at once; a
 * larger group of one partition is split
 */
@ConfigurationProperties("chatspace.cassandra")
public record CassandraSettings(@DefaultValue("chatspace") String keyspace, @DefaultValue Replication replication,
		@DefaultValue("LOCAL_QUORUM") DefaultConsistencyLevel consistency, @DefaultValue("10d") Duration bucketSize,
		@DefaultValue("30s") Duration startupWait, @DefaultValue("5s") Duration connectRetry,
		@DefaultValue("2s") Duration reconnectMaxDelay, @DefaultValue("32KB") DataSize maxBatchBytes) {

	public CassandraSettings {
		if (!keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
			throw new IllegalArgumentException(
					"chatspace.cassandra.keyspace must be a plain CQL name, was " + keyspace);
		}
		if (bucketSize.toMillis() < 1) {
			throw new IllegalArgumentException("chatspace.cassandra.bucket-size must be at least 1ms");
		}
	}

	/**
	 * @return settings with every default and the given keyspace and bucket size (tests)
	 */
	public static CassandraSettings of(String keyspace, Duration bucketSize) {
		return new CassandraSettings(keyspace, new Replication(Replication.Strategy.SIMPLE, 1, Map.of()),
				DefaultConsistencyLevel.LOCAL_QUORUM, bucketSize, Duration.ofSeconds(30), Duration.ofSeconds(5),
				Duration.ofSeconds(2), DataSize.ofKilobytes(32));
	}

	/**
	 * The keyspace's replication.
	 *
	 * @param strategy {@code simple} (one datacenter, development) or
	 * {@code network-topology} (production)
	 * @param factor the replication factor of {@code simple}
	 * @param datacenters replicas per datacenter for {@code network-topology}, e.g.
	 * {@code datacenter1: 3}
	 */
	public record Replication(@DefaultValue("simple") Strategy strategy, @DefaultValue("1") int factor,
			@DefaultValue Map<String, Integer> datacenters) {

		/** A replication strategy of Cassandra's. */
		public enum Strategy {

			/** {@code SimpleStrategy}: one replication factor for the whole cluster. */
			SIMPLE,
			/** {@code NetworkTopologyStrategy}: a replication factor per datacenter. */
			NETWORK_TOPOLOGY

		}

		/**
		 * @return the CQL map of {@code CREATE KEYSPACE … WITH replication = }
		 */
		String cql() {
			if (strategy == Strategy.SIMPLE) {
				return "{'class': 'SimpleStrategy', 'replication_factor': " + factor + "}";
			}
			if (datacenters.isEmpty()) {
				throw new IllegalStateException(
						"chatspace.cassandra.replication.datacenters is required for network-topology");
			}
			StringBuilder cql = new StringBuilder("{'class': 'NetworkTopologyStrategy'");
			datacenters.forEach((dc, rf) -> {
				if (!dc.matches("[A-Za-z0-9_.-]+")) {
					throw new IllegalStateException("not a datacenter name: " + dc);
				}
				cql.append(", '").append(dc).append("': ").append(rf);
			});
			return cql.append('}').toString();
		}

	}

}
