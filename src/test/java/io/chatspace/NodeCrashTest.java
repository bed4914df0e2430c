package io.chatspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chatspace.messaging.MessageIds;
import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Cluster;
import io.chatspace.support.Names;
import io.chatspace.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node is killed (SIGKILL) while its clients are chatting. Its clients reconnect to the
 * other node and resume with {@code after}, resending what was not acknowledged with the
 * same nonce: no acknowledged message is lost, none is stored twice, and the clients that
 * stayed connected see every message exactly once. The dead node's users who do not come
 * back go offline for the others, and leave the room, within the heartbeat timeout (1.5 s
 * here).
 */
class NodeCrashTest {

	private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(1500);

	@TempDir
	Path logs;

	@Test
	void clientsOfAKilledNodeResumeOnAnotherWithoutLossOrDuplicates() throws Exception {
		RedisServer.ensureRunning();
		try (Cluster cluster = Cluster.start(logs, 2, "--chatspace.rate-limit.enabled=false",
				"--chatspace.presence.flush-interval=100ms", "--chatspace.presence.offline-grace=400ms",
				"--chatspace.presence.heartbeat-interval=300ms",
				"--chatspace.presence.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toMillis() + "ms")) {
			Api doomed = cluster.api(0);
			Api survivor = cluster.api(1);
			User alice = doomed.newUser("alice");
			User bob = survivor.newUser("bob");
			User carol = survivor.newUser("carol");
			User dave = doomed.newUser("dave");
			String room = doomed.createRoom(alice, Names.unique("crash"));

			ChatClient watcher = survivor.connect(carol);
			watcher.request(map("type", "presence.watch"));
			watcher.join(room);
			ChatClient daveClient = doomed.connect(dave);
			daveClient.join(room);
			watcher.await("presence",
					f -> f.path("room").isMissingNode() && names(f.path("joins")).contains(dave.name()));

			Chatter aliceChat = new Chatter(alice, room, doomed, survivor);
			Chatter bobChat = new Chatter(bob, room, survivor, survivor);
			Thread a = Thread.ofPlatform().start(aliceChat);
			Thread b = Thread.ofPlatform().start(bobChat);
			ChatClient.waiting().until(() -> aliceChat.acked.size() >= 30 && bobChat.acked.size() >= 30);

			long killedAt = System.nanoTime();
			cluster.node(0).kill();

			// dave never comes back: offline for carol and gone from the room within the
			// heartbeat timeout (plus a sweep and a flush)
			watcher.await("presence",
					f -> f.path("room").isMissingNode() && names(f.path("leaves")).contains(dave.name()));
			watcher.await("presence",
					f -> room.equals(f.path("room").asString()) && names(f.path("leaves")).contains(dave.name()));
			Duration offlineAfter = Duration.ofNanos(System.nanoTime() - killedAt);
			assertThat(offlineAfter).isLessThan(HEARTBEAT_TIMEOUT.plusSeconds(2));

			ChatClient.waiting().until(() -> aliceChat.reconnects > 0 && aliceChat.acked.size() >= 60);
			aliceChat.stop.set(true);
			bobChat.stop.set(true);
			a.join(30_000);
			b.join(30_000);
			assertThat(aliceChat.failure).isNull();
			assertThat(bobChat.failure).isNull();

			Set<String> acked = new HashSet<>(aliceChat.acked.values());
			acked.addAll(bobChat.acked.values());
			// every client ends up with every acknowledged message
			for (Chatter chatter : List.of(aliceChat, bobChat)) {
				ChatClient.waiting()
					.untilAsserted(() -> assertThat(chatter.seen()).as(chatter.user.name()).containsAll(acked));
			}
			ChatClient.waiting()
				.untilAsserted(() -> assertThat(ids(watcher.messages(room))).as("carol").containsAll(acked));

			// stored once each: no body twice in the room's history, every ack in it
			List<JsonNode> history = allMessages(survivor, bob, room);
			Map<String, Integer> bodies = new HashMap<>();
			history.forEach(m -> bodies.merge(m.path("body").asString(), 1, Integer::sum));
			assertThat(bodies.values()).allMatch(n -> n == 1);
			assertThat(ids(history)).containsAll(acked);

			// the clients that stayed connected got each message exactly once
			assertThat(duplicates(bobChat.client.messages(room))).isEmpty();
			assertThat(duplicates(watcher.messages(room))).isEmpty();
			// alice's resume may repeat messages of the other node from the overlap
			// window
			// before her `after` (she de-duplicates by id), never one of her `after`'s
			// node
			for (Long repeated : aliceChat.repeatedOnResume) {
				assertThat(MessageIds.nodeOf(repeated)).isNotEqualTo(MessageIds.nodeOf(aliceChat.lastAfter));
			}
			System.out.printf("STATS acked=%d reconnects=%d repeated=%d offlineAfter=%s aliceLive=%d%n", acked.size(),
					aliceChat.reconnects, aliceChat.repeatedOnResume.size(), offlineAfter,
					aliceChat.client.messages(room).size());
			watcher.close();
			aliceChat.client.close();
			bobChat.client.close();
		}
	}

	/**
	 * A client that sends messages one after the other, each with a nonce, and keeps the
	 * highest id it saw; when its socket breaks it reconnects to {@code fallback},
	 * resumes with {@code after} and resends the message that was not acknowledged.
	 */
	private static final class Chatter implements Runnable {

		final User user;

		final String room;

		final Api fallback;

		final AtomicBoolean stop = new AtomicBoolean();

		// nonce -> id, in order
		final Map<String, String> acked = new ConcurrentHashMap<>();

		final Set<Long> joinedIds = ConcurrentHashMap.newKeySet();

		final List<Long> repeatedOnResume = new ArrayList<>();

		final List<ChatClient> previous = new ArrayList<>();

		volatile ChatClient client;

		volatile int reconnects;

		volatile long lastAfter;

		volatile Throwable failure;

		Chatter(User user, String room, Api first, Api fallback) {
			this.user = user;
			this.room = room;
			this.fallback = fallback;
			this.client = first.connect(user);
			for (JsonNode m : client.join(room).path("messages").values()) {
				joinedIds.add(m.path("id").asLong());
			}
		}

		@Override
		public void run() {
			try {
				int n = 0;
				while (!stop.get()) {
					String nonce = user.name() + "-" + (++n);
					String body = "message " + n + " from " + user.name();
					while (!acked.containsKey(nonce)) {
						JsonNode reply = send(map("type", "send", "room", room, "body", body, "nonce", nonce));
						if (reply == null) {
							reconnect();
							continue;
						}
						assertThat(reply.path("type").asString()).as(reply.toString()).isEqualTo("ack");
						acked.put(nonce, reply.path("id").asString());
					}
				}
			}
			catch (Throwable ex) {
				failure = ex;
			}
		}

		/**
		 * @return the reply, or null when the socket broke first
		 */
		private JsonNode send(Map<String, Object> frame) {
			ChatClient c = client;
			String ref = ChatClient.ref();
			Map<String, Object> withRef = new LinkedHashMap<>(frame);
			withRef.put("ref", ref);
			try {
				c.send(withRef);
			}
			catch (RuntimeException ex) {
				return null;
			}
			JsonNode[] reply = new JsonNode[1];
			ChatClient.waiting().until(() -> {
				for (JsonNode f : c.frames()) {
					if (ref.equals(f.path("ref").asString(null))) {
						reply[0] = f;
						return true;
					}
				}
				return c.isClosed();
			});
			return reply[0];
		}

		private void reconnect() {
			long after = seen().stream().mapToLong(Long::parseLong).max().orElse(0);
			Set<String> had = seen();
			previous.add(client);
			ChatClient next = fallback.connect(user);
			JsonNode joined = next.joinAfter(room, Long.toString(after));
			for (JsonNode m : joined.path("messages").values()) {
				if (had.contains(m.path("id").asString())) {
					repeatedOnResume.add(m.path("id").asLong());
				}
				joinedIds.add(m.path("id").asLong());
			}
			lastAfter = after;
			client = next;
			reconnects++;
		}

		/** The ids this client has: from every {@code joined} and every live message. */
		Set<String> seen() {
			Set<String> ids = new HashSet<>();
			joinedIds.forEach(id -> ids.add(Long.toString(id)));
			for (ChatClient c : previous) {
				ids.addAll(ids(c.messages(room)));
			}
			ids.addAll(ids(client.messages(room)));
			return ids;
		}

	}

	private static List<JsonNode> allMessages(Api api, User reader, String room) {
		List<JsonNode> all = new ArrayList<>();
		String after = "0";
		while (true) {
			List<JsonNode> page = api.history(reader, room, "after=" + after + "&limit=200");
			all.addAll(page);
			if (page.size() < 200) {
				return all;
			}
			after = page.getLast().path("id").asString();
		}
	}

	private static Set<String> ids(List<JsonNode> messages) {
		Set<String> ids = new HashSet<>();
		messages.forEach(m -> ids.add(m.path("id").asString()));
		return ids;
	}

	private static Map<String, Integer> duplicates(List<JsonNode> messages) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		messages.forEach(m -> counts.merge(m.path("id").asString(), 1, Integer::sum));
		counts.values().removeIf(n -> n == 1);
		return counts;
	}

	private static Set<String> names(JsonNode array) {
		Set<String> names = new HashSet<>();
		array.values().forEach(n -> names.add(n.asString()));
		return names;
	}

}
