package io.chatspace.messaging.jdbc;

import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStoreContract;
import io.chatspace.rooms.Room;
import io.chatspace.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link MessageStore} contract on PostgreSQL (a database of its own on the local
 * PostgreSQL, migrated by the same Flyway scripts).
 */
class PostgresMessageStoreContractTest extends MessageStoreContract {

	private static JdbcStoreFixture fixture;

	@BeforeAll
	static void database() {
		fixture = new JdbcStoreFixture(TestDatabases.postgres());
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
