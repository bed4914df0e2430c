package io.chatspace.messaging.jdbc;

import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStoreContract;
import io.chatspace.rooms.Room;
import io.chatspace.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link MessageStore} contract on PostgreSQL (a schema of its own in the test
 * database on 127.0.0.1:5432, migrated by the same Flyway scripts).
 */
class PostgresMessageStoreContractTest extends MessageStoreContract {

	private static final String SCHEMA = "message_store_contract";

	private static JdbcStoreFixture fixture;

	@BeforeAll
	static void database() {
		fixture = new JdbcStoreFixture(TestDatabases.postgres(SCHEMA));
	}

	@AfterAll
	static void dropSchema() {
		TestDatabases.dropPostgres(SCHEMA);
	}

	@Override
	protected MessageStore store() {
		return fixture.store();
	}

	@Override
	protected Room newRoom() {
		return fixture.newRoom();
	}

	@Override
	protected long newUser() {
		return fixture.newUser();
	}

}
