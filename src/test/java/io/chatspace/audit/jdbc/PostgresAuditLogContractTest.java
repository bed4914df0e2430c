package io.chatspace.audit.jdbc;

import io.chatspace.audit.AuditLog;
import io.chatspace.audit.AuditLogContract;
import io.chatspace.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link AuditLog} contract on PostgreSQL (a schema of its own, same migrations). */
class PostgresAuditLogContractTest extends AuditLogContract {

	private static final String SCHEMA = "audit_log_contract";

	private static AuditLog log;

	@BeforeAll
	static void database() {
		log = H2AuditLogContractTest.jdbc(TestDatabases.postgres(SCHEMA));
	}

	@AfterAll
	static void dropSchema() {
		TestDatabases.dropPostgres(SCHEMA);
	}

	@Override
	protected AuditLog log() {
		return log;
	}

}
