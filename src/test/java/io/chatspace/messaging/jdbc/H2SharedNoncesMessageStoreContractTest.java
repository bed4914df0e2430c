package io.chatspace.messaging.jdbc;

import io.chatspace.support.TestDatabases;

/**
 * The {@link io.chatspace.messaging.MessageStore} contract on the embedded H2 database,
 * with the nonces in the shared {@code message_nonces} table (as several nodes use it).
 */
class H2SharedNoncesMessageStoreContractTest extends JdbcMessageStoreContract {

	private static final JdbcStoreFixture FIXTURE = new JdbcStoreFixture(TestDatabases.h2(), false);

	@Override
	JdbcStoreFixture fixture() {
		return FIXTURE;
	}

}
