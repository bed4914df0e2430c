package io.chatspace.realtime;

import io.chatspace.support.PostgresDatabase;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link HistoryAndResumeTest} with the profiles {@code postgres,cassandra}: accounts and
 * rooms in PostgreSQL, history paging, resume with {@code after} under load and the
 * 500-message backlog served from the real Cassandra node (a keyspace of this context's
 * own).
 */
@ActiveProfiles({ "postgres", "cassandra" })
@TestPropertySource(properties = { "chatspace.cassandra.keyspace=cs_history_${random.value}",
		"spring.datasource.hikari.maximum-pool-size=5" })
class CassandraHistoryAndResumeTest extends HistoryAndResumeTest {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.use(registry);
	}

}
