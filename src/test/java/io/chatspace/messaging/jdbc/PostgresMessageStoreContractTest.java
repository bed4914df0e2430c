package io.chatspace.messaging.jdbc;

import io.chatspace.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link io.chatspace.messaging.MessageStore} contract on PostgreSQL (a database of
 * its own on the local PostgreSQL, migrated by the same Flyway scripts), with the nonces
 * in the shared {@code message_nonces} table, as several nodes use it.
 */
class PostgresMessageStoreContractTest extends JdbcMessageStoreContract {

	private static JdbcStoreFixture fixture;

	@BeforeAll
	static void database() {
		fixture = new JdbcStoreFixture(TestDatabases.postgres(), false);
	}

	@Override
	JdbcStoreFixture fixture() {
		return fixture;
	}

}
