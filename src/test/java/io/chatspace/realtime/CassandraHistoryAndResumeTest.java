package io.chatspace.realtime;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link HistoryAndResumeTest} with the {@code cassandra} profile: history paging, resume
 * with {@code after} under load and the 500-message backlog, served from the real
 * Cassandra node (a keyspace of this context's own).
 */
@ActiveProfiles("cassandra")
@TestPropertySource(properties = { "chatspace.cassandra.keyspace=cs_history_${random.value}" })
class CassandraHistoryAndResumeTest extends HistoryAndResumeTest {

}
