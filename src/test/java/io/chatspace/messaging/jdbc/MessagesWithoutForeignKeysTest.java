package io.chatspace.messaging.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStore.Draft;
import io.chatspace.rooms.Room;
import io.chatspace.support.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema version 7 ({@link MessagesWithoutForeignKeys}) on a database of version 6 that
 * holds a message, on H2 and on the local PostgreSQL: the message survives, the
 * {@code messages} table keeps no foreign key (and on H2 no index but the primary key and
 * {@code messages_room_id}), and the store writes and reads history as before.
 */
class MessagesWithoutForeignKeysTest {

	@Test
	void anH2DatabaseOfVersion6KeepsItsMessagesAndLosesTheForeignKeysAndTheirIndexes() {
		DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:v7-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		upgradeKeepsMessages(dataSource);
		assertThat(JdbcClient.create(dataSource)
			.sql("select lower(index_name) from information_schema.indexes where lower(table_name) = 'messages' "
					+ "and index_type_name <> 'PRIMARY KEY'")
			.query(String.class)
			.list()).containsExactly("messages_room_id");
	}

	@Test
	void aPostgresDatabaseOfVersion6KeepsItsMessagesAndLosesTheForeignKeys() {
		String name = PostgresDatabase.create();
		upgradeKeepsMessages(new SimpleDriverDataSource(new org.postgresql.Driver(),
				PostgresDatabase.url(name, PostgresDatabase.PRIMARY), "postgres", ""));
	}

	private static void upgradeKeepsMessages(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("6").load().migrate();
		JdbcStoreFixture before = new JdbcStoreFixture(dataSource, true);
		Room room = before.newRoom();
		long user = before.newUser();
		Instant now = Instant.now();
		Draft old = draft(room, user, now.minusSeconds(60), "stored at version 6");
		before.store().appendAll(List.of(old), now.minusSeconds(600));
		assertThat(foreignKeysOfMessages(dataSource)).isEqualTo(2);

		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.javaMigrations(new MessagesWithoutForeignKeys())
			.load()
			.migrate();

		assertThat(foreignKeysOfMessages(dataSource)).isZero();
		MessageStore after = new JdbcStoreFixture(dataSource, true).store();
		Draft fresh = draft(room, user, now, "stored at version 7");
		after.appendAll(List.of(fresh), now.minusSeconds(600));
		assertThat(after.before(room, Long.MAX_VALUE, 10)).extracting(Message::body)
			.containsExactly("stored at version 6", "stored at version 7");
	}

	private static int foreignKeysOfMessages(DataSource dataSource) {
		return JdbcClient.create(dataSource)
			.sql("select count(*) from information_schema.table_constraints where constraint_type = 'FOREIGN KEY' "
					+ "and lower(table_name) = 'messages'")
			.query(Integer.class)
			.single();
	}

	private static Draft draft(Room room, long user, Instant at, String body) {
		long id = MessageIds.firstIdAt(at);
		return new Draft(new Message(id, room.slug(), "user" + user, body, MessageIds.timestampOf(id)), room.id(), user,
				null);
	}

}
