package io.chatspace.messaging.jdbc;

import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStoreContract;
import io.chatspace.rooms.Room;

/** The {@link MessageStore} contract on a JDBC database that a subclass supplies. */
abstract class JdbcMessageStoreContract extends MessageStoreContract {

	/**
	 * @return the store, its database and how it keeps nonces
	 */
	abstract JdbcStoreFixture fixture();

	@Override
	protected MessageStore store() {
		return fixture().store();
	}

	@Override
	protected Room newRoom() {
		return fixture().newRoom();
	}

	@Override
	protected long newUser() {
		return fixture().newUser();
	}

}
