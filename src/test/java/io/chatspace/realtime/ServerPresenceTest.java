package io.chatspace.realtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.RawWebSocket;
import io.chatspace.support.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is online on the whole server, over real sockets: several tabs count once, the last
 * one closing takes the user offline for everybody, a user moving between tabs is not
 * announced at all (nor as leaving and joining a room again), and a socket that stops
 * answering heartbeats is dropped. Short timeouts: presence flushed every 100 ms with a 1
 * s offline grace, pings after 300 ms of silence, dropped after 1.5 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestSettings.FAST_PRESENCE_GRACE, TestSettings.FAST_PRESENCE_FLUSH, TestSettings.FAST_HEARTBEAT,
				TestSettings.SHORT_IDLE_TIMEOUT })
class ServerPresenceTest {

	/** Longer than the offline grace plus a few flushes. */
	private static final Duration SETTLED = Duration.ofMillis(2000);

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void twoTabsCountOnceAndTheLastOneClosingTakesTheUserOffline() throws InterruptedException {
		User alice = api.newUser("alice");
		User carol = api.newUser("carol");
		try (ChatClient watcher = api.connect(carol)) {
			JsonNode snapshot = watcher.request(map("type", "presence.watch"));
			assertThat(snapshot.path("type").asString()).isEqualTo("presence.snapshot");
			assertThat(names(snapshot.path("online"))).doesNotContain(alice.name());

			ChatClient tab1 = api.connect(alice);
			ChatClient tab2 = api.connect(alice);
			JsonNode online = watcher.await("presence", f -> names(f.path("joins")).contains(alice.name()));
			assertThat(online.has("room")).as("the server-wide form has no room").isFalse();
			assertThat(names(online.path("leaves"))).doesNotContain(alice.name());
			assertThat(isOnline(carol, alice)).isTrue();

			// one tab closes: alice is still online, nobody is told anything
			tab1.close();
			Thread.sleep(SETTLED.toMillis());
			assertThat(about(watcher, alice)).hasSize(1);
			assertThat(isOnline(carol, alice)).isTrue();

			// the last one closes: offline, announced once
			tab2.close();
			JsonNode offline = watcher.await("presence", f -> names(f.path("leaves")).contains(alice.name()));
			assertThat(names(offline.path("joins"))).doesNotContain(alice.name());
			assertThat(isOnline(carol, alice)).isFalse();
			Thread.sleep(SETTLED.toMillis());
			assertThat(about(watcher, alice)).hasSize(2);

			// a later watcher gets the list as it is now
			try (ChatClient late = api.connect(api.newUser("dave"))) {
				JsonNode now = late.request(map("type", "presence.watch"));
				assertThat(names(now.path("online"))).contains(carol.name()).doesNotContain(alice.name());
			}
		}
	}

	@Test
	void aUserMovingBetweenTabsIsNotAnnouncedAgain() throws InterruptedException {
		User alice = api.newUser("alice");
		try (ChatClient watcher = api.connect(api.newUser("carol"))) {
			watcher.request(map("type", "presence.watch"));
			ChatClient current = api.connect(alice);
			watcher.await("presence", f -> names(f.path("joins")).contains(alice.name()));
			// page after page: each one closes its socket and the next opens one
			for (int i = 0; i < 8; i++) {
				current.close();
				current = api.connect(alice);
				Thread.sleep(50);
			}
			Thread.sleep(SETTLED.toMillis());
			assertThat(about(watcher, alice)).as("presence frames about alice").hasSize(1);
			current.close();
			watcher.await("presence", f -> names(f.path("leaves")).contains(alice.name()));
		}
	}

	@Test
	void aSocketThatStopsAnsweringHeartbeatsIsDroppedAndItsUserGoesOffline() throws IOException {
		User alice = api.newUser("alice");
		try (ChatClient watcher = api.connect(api.newUser("carol"))) {
			watcher.request(map("type", "presence.watch"));
			// a raw socket: after the handshake it sends nothing, not even pongs
			try (RawWebSocket silent = RawWebSocket.open(port, "/ws",
					Map.of("Authorization", "Bearer " + alice.token()), 0)) {
				assertThat(silent.status()).isEqualTo(101);
				watcher.await("presence", f -> names(f.path("joins")).contains(alice.name()));

				List<RawWebSocket.Frame> frames = new ArrayList<>();
				RawWebSocket.Frame frame;
				do {
					frame = silent.readFrame();
					frames.add(frame);
				}
				while (frame.opcode() != 0x8);
				assertThat(frames).as("pinged before being dropped").anyMatch(f -> f.opcode() == 0x9);
				assertThat(frame.closeCode()).isEqualTo(1001);
				assertThat(frame.text()).isEqualTo("heartbeat timeout");

				watcher.await("presence", f -> names(f.path("leaves")).contains(alice.name()));
				assertThat(isOnline(watcher, alice)).isFalse();
			}
		}
	}

	@Test
	void aQuietClientThatAnswersPingsStaysConnected() throws InterruptedException {
		User erin = api.newUser("erin");
		try (ChatClient quiet = api.connect(erin)) {
			// silent for longer than the idle timeout; its WebSocket stack answers the
			// pings
			Thread.sleep(2500);
			assertThat(quiet.isClosed()).isFalse();
			assertThat(quiet.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");
		}
	}

	@Test
	void aClientThatReconnectsWithinTheGraceNeverLeftItsRoom() throws InterruptedException {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, io.chatspace.support.Names.unique("porch"));
		try (ChatClient a = api.connect(alice)) {
			a.join(room);
			ChatClient b = api.connect(bob);
			b.join(room);
			a.await("presence",
					f -> room.equals(f.path("room").asString()) && names(f.path("joins")).contains(bob.name()));

			// the network blips: bob's socket drops and his client resumes at once
			b.abort();
			b = api.connect(bob);
			assertThat(names(b.join(room).path("online"))).contains(alice.name(), bob.name());
			Thread.sleep(SETTLED.toMillis());
			assertThat(roomPresence(a, room, bob)).as("room presence frames about bob").hasSize(1);
			assertThat(auditAbout(alice, room, bob)).containsExactly("member.joined");

			// he goes for good: the room hears it once the grace is over, not before
			long closed = System.nanoTime();
			b.close();
			a.await("presence",
					f -> room.equals(f.path("room").asString()) && names(f.path("leaves")).contains(bob.name()));
			assertThat(Duration.ofNanos(System.nanoTime() - closed)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThat(roomPresence(a, room, bob)).hasSize(2);
			assertThat(names(a.join(room).path("online"))).containsExactly(alice.name());
			ChatClient.waiting()
				.until(() -> auditAbout(alice, room, bob).equals(List.of("member.left", "member.joined")));
		}
	}

	@Test
	void roomPresenceIsUnchangedAndUsersListTheirOnlineState() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, io.chatspace.support.Names.unique("hall"));
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(room);
			b.join(room);
			// the room form still names the room
			JsonNode joins = a.await("presence",
					f -> room.equals(f.path("room").asString()) && names(f.path("joins")).contains(bob.name()));
			assertThat(joins.path("leaves").isArray()).isTrue();
			// and a socket that did not ask for the server-wide form never gets it
			ChatClient.waiting().until(() -> isOnline(alice, bob));
			assertThat(a.frames("presence")).allMatch(f -> f.has("room"));
			assertThat(a.frames("presence.snapshot")).isEmpty();
		}
	}

	private static List<JsonNode> roomPresence(ChatClient client, String room, User user) {
		return client.frames("presence")
			.stream()
			.filter(f -> room.equals(f.path("room").asString()))
			.filter(f -> names(f.path("joins")).contains(user.name()) || names(f.path("leaves")).contains(user.name()))
			.toList();
	}

	// the room's audit log about one user, newest first
	private List<String> auditAbout(User owner, String room, User user) {
		var response = api.get("/api/rooms/" + room + "/audit", owner.token());
		assertThat(response.status()).isEqualTo(200);
		return response.json()
			.path("events")
			.values()
			.stream()
			.filter(e -> user.name().equals(e.path("user").asString()))
			.map(e -> e.path("type").asString())
			.toList();
	}

	// GET /api/users
	private boolean isOnline(User asker, User user) {
		var response = api.get("/api/users?q=" + user.name(), asker.token());
		assertThat(response.status()).isEqualTo(200);
		for (JsonNode entry : response.json().path("users").values()) {
			if (user.name().equals(entry.path("username").asString())) {
				return entry.path("online").asBoolean();
			}
		}
		throw new AssertionError(user.name() + " not listed: " + response.body());
	}

	private boolean isOnline(ChatClient watcher, User user) {
		boolean online = false;
		for (JsonNode frame : watcher.frames("presence")) {
			if (names(frame.path("joins")).contains(user.name())) {
				online = true;
			}
			if (names(frame.path("leaves")).contains(user.name())) {
				online = false;
			}
		}
		return online;
	}

	private static List<JsonNode> about(ChatClient watcher, User user) {
		return watcher.frames("presence")
			.stream()
			.filter(f -> !f.has("room"))
			.filter(f -> names(f.path("joins")).contains(user.name()) || names(f.path("leaves")).contains(user.name()))
			.toList();
	}

	private static List<String> names(JsonNode array) {
		return array.values().stream().map(JsonNode::asString).toList();
	}

}
