package io.chatspace.messaging.cassandra;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.chatspace.cassandra.CassandraConnection;
import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStoreContract;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.support.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link MessageStore} contract on the real Cassandra node (a keyspace of its own,
 * buckets of one hour, so the contract's messages spread over many partitions with long
 * empty stretches between them).
 */
class CassandraMessageStoreContractTest extends MessageStoreContract {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() & 0xffffffffL);

	private static CassandraConnection connection;

	private static MessageStore store;

	@BeforeAll
	static void connect() {
		connection = TestCassandra.connect(TestCassandra.uniqueKeyspace("messages"), Duration.ofHours(1));
		store = new CassandraMessageStore(connection);
	}

	@AfterAll
	static void disconnect() {
		TestCassandra.drop(connection);
		connection.stop();
	}

	@Override
	protected MessageStore store() {
		return store;
	}

	@Override
	protected Room newRoom() {
		long id = IDS.incrementAndGet();
		return new Room(id, "room-" + id, "room-" + id, RoomKind.PUBLIC, null);
	}

	@Override
	protected long newUser() {
		return IDS.incrementAndGet();
	}

}
