package io.chatspace.realtime;

import java.io.IOException;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import io.chatspace.support.RawWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the message store is down, a send is refused with {@code unavailable} (nothing is
 * stored, nothing announced) instead of hanging or failing with {@code internal}; once
 * the store is back, sending works again. The store is taken down by suspending the
 * connection pool with Hikari's {@code throwIfSuspended}: every request for a connection
 * then fails at once, as with a database that refuses connections. No room's newest
 * messages are kept in memory here ({@code recent-per-room=0}): a join would read them
 * there instead of failing with the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.allow-pool-suspension=true",
				"spring.datasource.hikari.connection-timeout=500", "chatspace.messaging.recent-per-room=0" })
class StoreDownTest {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	Api api;

	@BeforeAll
	static void failWhileSuspended() {
		System.setProperty("com.zaxxer.hikari.throwIfSuspended", "true");
	}

	@AfterAll
	static void restore() {
		System.clearProperty("com.zaxxer.hikari.throwIfSuspended");
	}

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@AfterEach
	void storeBack() {
		pool().getHikariPoolMXBean().resumePool();
	}

	@Test
	void aSendWhileTheStoreIsDownIsUnavailableAndStoresNothing() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, Names.unique("outage"));
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(room);
			b.join(room);
			String before = a.post(room, "before the outage");
			b.await("message", f -> f.path("message").path("id").asString().equals(before));

			pool().getHikariPoolMXBean().suspendPool();
			JsonNode refused = a
				.request(map("type", "send", "room", room, "body", "during the outage", "nonce", "o-1"));
			assertThat(refused.path("type").asString()).isEqualTo("error");
			assertThat(refused.path("code").asString()).isEqualTo("unavailable");
			assertThat(refused.path("message").asString()).doesNotContain("Exception").doesNotContain("SQL");
			// reading history needs the store too
			JsonNode history = a.request(map("type", "history", "room", room, "before", before));
			assertThat(history.path("code").asString()).isEqualTo("unavailable");
			// the socket stays open and usable
			assertThat(a.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");

			pool().getHikariPoolMXBean().resumePool();
			// the retry with the same nonce is stored now, once
			JsonNode retried = a
				.request(map("type", "send", "room", room, "body", "during the outage", "nonce", "o-1"));
			assertThat(retried.path("type").asString()).isEqualTo("ack");
			String after = a.post(room, "after the outage");
			b.await("message", f -> f.path("message").path("id").asString().equals(after));
			assertThat(b.messages(room)).extracting(m -> m.path("body").asString())
				.containsExactly("before the outage", "during the outage", "after the outage");
			assertThat(api.history(bob, room, "")).extracting(m -> m.path("body").asString())
				.containsExactly("before the outage", "during the outage", "after the outage");
		}
	}

	@Test
	void joiningWhileTheStoreIsDownIsUnavailable() {
		User carol = api.newUser("carol");
		String room = api.createRoom(carol, Names.unique("outage"));
		try (ChatClient c = api.connect(carol); ChatClient other = api.connect(api.newUser("dan"))) {
			other.join(room);
			pool().getHikariPoolMXBean().suspendPool();
			JsonNode refused = c.request(map("type", "join", "room", room));
			assertThat(refused.path("type").asString()).isEqualTo("error");
			assertThat(refused.path("code").asString()).isEqualTo("unavailable");
			pool().getHikariPoolMXBean().resumePool();
			// the failed join left nothing behind: carol is not in the room
			assertThat(c.request(map("type", "send", "room", room, "body", "x")).path("code").asString())
				.isEqualTo("not_joined");
			assertThat(other.frames("presence")).noneMatch(f -> f.toString().contains(carol.name()));
			JsonNode joined = c.join(room);
			assertThat(joined.path("online").toString()).contains(carol.name());
		}
	}

	@Test
	void anHttpPostWhileTheStoreIsDownIs503Unavailable() {
		User erin = api.newUser("erin");
		String room = api.createRoom(erin, Names.unique("outage"));
		// the token is verified once before the outage (verified tokens are cached
		// briefly)
		assertThat(api.history(erin, room, "")).isEmpty();
		pool().getHikariPoolMXBean().suspendPool();
		Api.Response refused = api.post("/api/rooms/" + room + "/messages", erin.token(), map("body", "hello?"));
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.error()).isEqualTo("unavailable");
		assertThat(refused.json().path("message").asString()).isNotBlank();
		assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at io.");
		pool().getHikariPoolMXBean().resumePool();
		assertThat(api.history(erin, room, "")).isEmpty();
	}

	@Test
	void aTokenThatCannotBeVerifiedWhileTheStoreIsDownIs503NotA401() throws IOException {
		User fred = api.newUser("fred");
		pool().getHikariPoolMXBean().suspendPool();
		// a 401 would tell the client to throw its valid token away
		Api.Response rooms = api.get("/api/rooms", fred.token());
		assertThat(rooms.status()).isEqualTo(503);
		assertThat(rooms.error()).isEqualTo("unavailable");
		try (RawWebSocket handshake = RawWebSocket.open(port, "/ws", Map.of("Authorization", "Bearer " + fred.token()),
				0)) {
			assertThat(handshake.status()).isEqualTo(503);
		}
		pool().getHikariPoolMXBean().resumePool();
		assertThat(api.get("/api/rooms", fred.token()).status()).isEqualTo(200);
	}

	private HikariDataSource pool() {
		try {
			return dataSource.unwrap(HikariDataSource.class);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
