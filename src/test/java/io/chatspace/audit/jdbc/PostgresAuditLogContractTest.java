package io.chatspace.audit.jdbc;

import io.chatspace.audit.AuditLog;
import io.chatspace.audit.AuditLogContract;
import io.chatspace.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link AuditLog} contract on PostgreSQL (a database of its own, same migrations).
 */
class PostgresAuditLogContractTest extends AuditLogContract {

	private static AuditLog log;

	@BeforeAll
	static void database() {
		log = H2AuditLogContractTest.jdbc(TestDatabases.postgres());
	}

	@Override
	protected AuditLog log() {
		return log;
	}

}
