package io.chatspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatspace.editor.EditSession;
import io.chatspace.messaging.MessageIds;
import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Cluster;
import io.chatspace.support.Names;
import io.chatspace.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes (separate processes, profiles {@code postgres,redis}, the streaming replica
 * serving read-only transactions) behave as one server: users on different nodes talk in
 * a room and in a direct room, see each other's presence and typing, get unread counts,
 * converge on one document edited concurrently from every node, share rate limits and the
 * login throttle; the nodes leased different node ids.
 */
class MultiNodeTest {

	@TempDir
	static Path logs;

	static Cluster cluster;

	@BeforeAll
	static void startNodes() throws Exception {
		RedisServer.ensureRunning();
		cluster = Cluster.start(logs, 3, "--chatspace.presence.flush-interval=100ms",
				"--chatspace.presence.offline-grace=400ms", "--chatspace.presence.heartbeat-interval=300ms",
				"--chatspace.presence.heartbeat-timeout=1500ms", "--chatspace.rate-limit.send.per-second=1",
				Cluster.WITH_REPLICA);
	}

	@AfterAll
	static void stopNodes() throws InterruptedException {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void usersOnDifferentNodesTalkInOneRoom() {
		Api a = cluster.api(0);
		Api b = cluster.api(1);
		Api c = cluster.api(2);
		User alice = a.newUser("alice");
		User bob = b.newUser("bob");
		User carol = c.newUser("carol");
		String room = a.createRoom(alice, Names.unique("general"));
		try (ChatClient ca = a.connect(alice); ChatClient cb = b.connect(bob); ChatClient cc = c.connect(carol)) {
			ca.join(room);
			cb.join(room);
			cc.join(room);
			String first = ca.post(room, "hello from node 0");
			String second = cb.post(room, "hello from node 1");
			String third = cc.post(room, "hello from node 2");
			for (ChatClient client : List.of(ca, cb, cc)) {
				ChatClient.waiting().until(() -> client.messages(room).size() == 3);
				assertThat(client.messages(room)).extracting(m -> m.path("id").asString())
					.containsExactlyInAnyOrder(first, second, third);
				assertThat(client.messages(room)).extracting(m -> m.path("body").asString())
					.contains("hello from node 0", "hello from node 1", "hello from node 2");
			}
			// the nodes leased different node ids, so message ids never collide
			Set<Integer> nodes = new HashSet<>();
			for (String id : List.of(first, second, third)) {
				nodes.add(MessageIds.nodeOf(Long.parseLong(id)));
			}
			assertThat(nodes).hasSize(3);
			// a later join on any node sees the same history
			try (ChatClient late = c.connect(c.newUser("late"))) {
				assertThat(late.join(room).path("messages").values()).extracting(m -> m.path("id").asString())
					.containsExactly(List.of(first, second, third).stream().sorted().toArray(String[]::new));
			}
		}
	}

	@Test
	void aDirectRoomAcrossNodesWithUnreadCounts() {
		Api a = cluster.api(0);
		Api b = cluster.api(1);
		User alice = a.newUser("alice");
		User bob = b.newUser("bob");
		String dm = a.openDm(alice, bob.name());
		try (ChatClient ca = a.connect(alice); ChatClient cb = b.connect(bob)) {
			ca.join(dm);
			// bob is connected to the other node but has not opened the conversation
			String first = ca.post(dm, "are you there?");
			JsonNode unread = cb.await("unread",
					f -> dm.equals(f.path("room").asString()) && f.path("unread").asInt() == 1);
			assertThat(unread.path("lastId").asString()).isEqualTo(first);
			assertThat(unread.path("with").asString()).isEqualTo(alice.name());

			cb.join(dm);
			String reply = cb.post(dm, "yes, on another node");
			ca.await("message", f -> f.path("message").path("id").asString().equals(reply));
			cb.await("message", f -> f.path("message").path("id").asString().equals(reply));
			assertThat(ca.messages(dm)).extracting(m -> m.path("id").asString()).containsExactly(first, reply);

			// a third user on a third node never sees it
			User eve = cluster.api(2).newUser("eve");
			try (ChatClient ce = cluster.api(2).connect(eve)) {
				JsonNode refused = ce.request(map("type", "join", "room", dm));
				assertThat(refused.path("code").asString()).isEqualTo("forbidden");
			}
		}
	}

	@Test
	void presenceAndTypingAcrossNodes() {
		Api a = cluster.api(0);
		Api b = cluster.api(1);
		User alice = a.newUser("alice");
		User bob = b.newUser("bob");
		User carol = b.newUser("carol");
		String room = a.createRoom(alice, Names.unique("presence"));
		try (ChatClient watcher = b.connect(carol); ChatClient cb = b.connect(bob)) {
			JsonNode snapshot = watcher.request(map("type", "presence.watch"));
			assertThat(names(snapshot.path("online"))).doesNotContain(alice.name());
			cb.join(room);

			ChatClient ca = a.connect(alice);
			watcher.await("presence",
					f -> f.path("room").isMissingNode() && names(f.path("joins")).contains(alice.name()));
			JsonNode joined = ca.join(room);
			assertThat(names(joined.path("online"))).contains(alice.name(), bob.name());
			cb.await("presence",
					f -> room.equals(f.path("room").asString()) && names(f.path("joins")).contains(alice.name()));

			// typing on node 0 reaches bob on node 1, never alice herself
			ca.send(Map.of("type", "typing", "room", room));
			JsonNode typing = cb.await("typing", f -> room.equals(f.path("room").asString()));
			assertThat(typing.path("user").asString()).isEqualTo(alice.name());
			// at most once per second across nodes: a second tab on node 2 is throttled
			// too
			try (ChatClient tab = cluster.api(2).connect(alice)) {
				tab.join(room);
				tab.send(Map.of("type", "typing", "room", room));
				String marker = tab.post(room, "typed");
				cb.await("message", f -> f.path("message").path("id").asString().equals(marker));
				assertThat(cb.frames("typing")).hasSize(1);
			}
			assertThat(ca.frames("typing")).isEmpty();

			// alice leaves: the room hears it at once, the server after the grace period
			ca.close();
			cb.await("presence",
					f -> room.equals(f.path("room").asString()) && names(f.path("leaves")).contains(alice.name()));
			watcher.await("presence",
					f -> f.path("room").isMissingNode() && names(f.path("leaves")).contains(alice.name()));
		}
	}

	@Test
	void editorsOnDifferentNodesConvergeOnOneDocument() throws InterruptedException {
		// two editors per node; revisions stored by different nodes reach each node in
		// either order and nodes' cached documents fall behind the database
		EditSession session = new EditSession(List.of(cluster.api(0), cluster.api(1), cluster.api(2)), 6);
		session.editConcurrently(80, 11);
		// at least a few operations per editor, whatever the machine's load
		session.awaitConvergence(18);
	}

	@Test
	void rateLimitsAndTheLoginThrottleAreSharedByTheNodes() {
		User sender = cluster.api(0).newUser("sender");
		String room = cluster.api(0).newRoom("limits");
		// a bucket of 20, refilled at 1 per second (this cluster's setting), whichever
		// node
		int accepted = 0;
		long start = System.nanoTime();
		for (int i = 0; i < 30; i++) {
			Api api = cluster.api(i % 3);
			int status = api.post("/api/rooms/" + room + "/messages", sender.token(), map("body", "m" + i)).status();
			assertThat(status).isIn(201, 429);
			if (status == 201) {
				accepted++;
			}
		}
		long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		assertThat(accepted).isGreaterThanOrEqualTo(20).isLessThanOrEqualTo(20 + (int) seconds + 1);

		User victim = cluster.api(0).newUser("victim");
		for (int i = 0; i < 5; i++) {
			assertThat(cluster.api(i % 3).token(victim.name(), "wrong-password-" + i).status()).isEqualTo(401);
		}
		// five failures spread over three nodes: the sixth attempt is refused everywhere
		assertThat(cluster.api(1).token(victim.name(), Api.PASSWORD).status()).isEqualTo(429);
		assertThat(cluster.api(2).token(victim.name(), Api.PASSWORD).status()).isEqualTo(429);
	}

	static Set<String> names(JsonNode array) {
		Set<String> names = new HashSet<>();
		array.values().forEach(n -> names.add(n.asString()));
		return names;
	}

}
