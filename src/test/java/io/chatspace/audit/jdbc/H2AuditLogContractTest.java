package io.chatspace.audit.jdbc;

import javax.sql.DataSource;

import io.chatspace.audit.AuditLog;
import io.chatspace.audit.AuditLogContract;
import io.chatspace.support.TestDatabases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@link AuditLog} contract on the embedded H2 database. */
class H2AuditLogContractTest extends AuditLogContract {

	private static final AuditLog LOG = jdbc(TestDatabases.h2());

	static AuditLog jdbc(DataSource dataSource) {
		return new JdbcAuditLog(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
	}

	@Override
	protected AuditLog log() {
		return LOG;
	}

}
