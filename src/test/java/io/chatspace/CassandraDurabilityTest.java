package io.chatspace;

import io.chatspace.support.TestCassandra;

/**
 * {@link DurabilityTest} with the {@code cassandra} profile: the server process is killed
 * with SIGKILL mid-stream, and after a restart every acknowledged message is in the
 * history served from Cassandra (a keyspace of this run's own).
 */
class CassandraDurabilityTest extends DurabilityTest {

	private final String keyspace = TestCassandra.uniqueKeyspace("durability");

	@Override
	String[] arguments() {
		return new String[] { "--chatspace.rate-limit.enabled=false", "--spring.profiles.active=cassandra",
				"--spring.cassandra.contact-points=127.0.0.1:" + TestCassandra.PORT,
				"--chatspace.cassandra.keyspace=" + keyspace };
	}

}
