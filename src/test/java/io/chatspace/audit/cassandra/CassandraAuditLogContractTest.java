package io.chatspace.audit.cassandra;

import java.time.Duration;

import io.chatspace.audit.AuditLog;
import io.chatspace.audit.AuditLogContract;
import io.chatspace.cassandra.CassandraConnection;
import io.chatspace.support.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link AuditLog} contract on the real Cassandra node (buckets of one hour). */
class CassandraAuditLogContractTest extends AuditLogContract {

	private static CassandraConnection connection;

	private static AuditLog log;

	@BeforeAll
	static void connect() {
		connection = TestCassandra.connect(TestCassandra.uniqueKeyspace("audit"), Duration.ofHours(1));
		log = new CassandraAuditLog(connection);
	}

	@AfterAll
	static void disconnect() {
		TestCassandra.drop(connection);
		connection.stop();
	}

	@Override
	protected AuditLog log() {
		return log;
	}

}
