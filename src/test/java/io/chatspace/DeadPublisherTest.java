package io.chatspace;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

import io.chatspace.messaging.MessageIds;
import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Cluster;
import io.chatspace.support.Names;
import io.chatspace.support.PostgresDatabase;
import io.chatspace.support.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that dies between committing a message and publishing it: the others had its
 * announcement (sent to Redis before the commit) and, when the message does not follow
 * within {@code chatspace.realtime.publish-timeout}, read it from the store and deliver
 * it. Here the dead node is played by the test: it announces an id on the room's channel
 * and inserts the message into PostgreSQL, and never publishes it.
 */
class DeadPublisherTest {

	@TempDir
	Path logs;

	@Test
	void aMessageAnnouncedButNeverPublishedIsDeliveredFromTheStore() throws Exception {
		RedisServer.ensureRunning();
		try (Cluster cluster = Cluster.start(logs, 1, "--chatspace.realtime.publish-timeout=500ms");
				RedisClient redis = RedisClient.create("redis://127.0.0.1:" + RedisServer.PORT);
				StatefulRedisConnection<byte[], byte[]> publisher = redis.connect(ByteArrayCodec.INSTANCE);
				Connection db = DriverManager.getConnection(
						PostgresDatabase.url(cluster.database(), PostgresDatabase.PRIMARY), "postgres", "")) {
			Api api = cluster.api(0);
			User alice = api.newUser("alice");
			User ghost = api.newUser("ghost");
			String room = api.createRoom(alice, Names.unique("ghost"));
			try (ChatClient client = api.connect(alice)) {
				client.join(room);
				String live = client.post(room, "a message published as usual");

				// node 1000 (no real node has it) announces two ids, commits one, dies
				long millis = System.currentTimeMillis() - MessageIds.EPOCH;
				long stored = (millis << 22) | (1000L << 12);
				long neverStored = stored + 1;
				byte[] channel = (cluster.prefix() + "topic:" + room).getBytes(StandardCharsets.UTF_8);
				publisher.sync().publish(channel, announcement(stored, neverStored));
				try (PreparedStatement insert = db
					.prepareStatement("insert into messages (id, room_id, author_id, author, body, sent_at) "
							+ "select ?, r.id, u.id, u.username, ?, ? from rooms r, users u "
							+ "where r.slug = ? and u.username = ?")) {
					insert.setLong(1, stored);
					insert.setString(2, "stored, then the node died");
					insert.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(millis + MessageIds.EPOCH)));
					insert.setString(4, room);
					insert.setString(5, ghost.name());
					assertThat(insert.executeUpdate()).isEqualTo(1);
				}

				JsonNode recovered = client.await("message",
						f -> f.path("message").path("id").asString().equals(Long.toString(stored)));
				assertThat(recovered.path("message").path("body").asString()).isEqualTo("stored, then the node died");
				assertThat(recovered.path("message").path("author").asString()).isEqualTo(ghost.name());

				// the id that was never committed is forgotten; the room goes on as usual
				String after = client.post(room, "after the ghost");
				client.await("message", f -> f.path("message").path("id").asString().equals(after));
				assertThat(client.messages(room)).extracting(m -> m.path("id").asString())
					.containsExactly(live, Long.toString(stored), after);
			}
		}
	}

	/** What a node publishes on a room's channel to announce ids (see RedisChannels). */
	private static byte[] announcement(long... ids) {
		ByteBuffer message = ByteBuffer.allocate(1 + 8 + 1 + 4 + 8 * ids.length);
		message.put((byte) 0).putLong(42); // a data message from another instance
		message.put((byte) 2).putInt(ids.length); // EventCodec's announcement
		for (long id : ids) {
			message.putLong(id);
		}
		return message.array();
	}

}
