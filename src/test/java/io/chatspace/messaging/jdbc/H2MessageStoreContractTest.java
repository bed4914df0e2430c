package io.chatspace.messaging.jdbc;

import io.chatspace.support.TestDatabases;

/**
 * The {@link io.chatspace.messaging.MessageStore} contract on the embedded H2 database,
 * with the nonces in the store's memory (a node alone, the default).
 */
class H2MessageStoreContractTest extends JdbcMessageStoreContract {

	private static final JdbcStoreFixture FIXTURE = new JdbcStoreFixture(TestDatabases.h2(), true);

	@Override
	JdbcStoreFixture fixture() {
		return FIXTURE;
	}

}
