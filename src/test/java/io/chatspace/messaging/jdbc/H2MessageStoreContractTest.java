package io.chatspace.messaging.jdbc;

import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStoreContract;
import io.chatspace.rooms.Room;
import io.chatspace.support.TestDatabases;

/** The {@link MessageStore} contract on the embedded H2 database. */
class H2MessageStoreContractTest extends MessageStoreContract {

	private static final JdbcStoreFixture FIXTURE = new JdbcStoreFixture(TestDatabases.h2());

	@Override
	protected MessageStore store() {
		return FIXTURE.store();
	}

	@Override
	protected Room newRoom() {
		return FIXTURE.newRoom();
	}

	@Override
	protected long newUser() {
		return FIXTURE.newUser();
	}

}
