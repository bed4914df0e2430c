package io.chatspace.messaging.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.chatspace.messaging.MessageStore;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** The JDBC message store on a migrated database, with real rows for rooms and users. */
final class JdbcStoreFixture {

	private static final AtomicInteger NAMES = new AtomicInteger();

	/** More nonces than any test stores: none is forgotten for want of room. */
	private static final int NONCE_CAPACITY = 100_000;

	private final JdbcClient jdbc;

	private final MessageStore store;

	private final DataSource dataSource;

	private final boolean localNonces;

	/**
	 * @param localNonces nonces in the store's memory (a node alone) or in the
	 * {@code message_nonces} table (several nodes)
	 */
	JdbcStoreFixture(DataSource dataSource, boolean localNonces) {
		this.dataSource = dataSource;
		this.localNonces = localNonces;
		this.jdbc = JdbcClient.create(dataSource);
		this.store = newStore();
	}

	MessageStore store() {
		return store;
	}

	/** Another store on the same database, as after a restart of the node. */
	MessageStore newStore() {
		return newStore(localNonces ? new LocalNonces(NONCE_CAPACITY) : null);
	}

	/**
	 * @param localNonces the nonces in memory, or {@code null}: in the table
	 * @return another store on the same database
	 */
	MessageStore newStore(LocalNonces localNonces) {
		return new JdbcMessageStore(jdbc, new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), localNonces);
	}

	long newUser() {
		String name = "u" + NAMES.incrementAndGet();
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into users (username, username_key, password_hash, created_at) values (?, ?, 'x', ?)")
			.params(name, name, Timestamp.from(Instant.now()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	Room newRoom() {
		String slug = "room-" + NAMES.incrementAndGet();
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into rooms (slug, name, kind, created_at) values (?, ?, 'public', ?)")
			.params(slug, slug, Timestamp.from(Instant.now()))
			.update(keys, "id");
		return new Room(keys.getKey().longValue(), slug, slug, RoomKind.PUBLIC, null);
	}

}
