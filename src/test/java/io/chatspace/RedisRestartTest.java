package io.chatspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Cluster;
import io.chatspace.support.Names;
import io.chatspace.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real redis-server is shut down and started again (empty: no persistence) while two
 * nodes serve a room. The nodes keep serving their own sockets and storing messages
 * (health {@code DEGRADED}, HTTP 200); when Redis is back they reconnect and resubscribe
 * by themselves, the messages sent during the outage reach the other node's clients from
 * the database, once each, and fan-out carries on, without a node restart and without the
 * clients reconnecting.
 */
class RedisRestartTest {

	@TempDir
	Path logs;

	@AfterEach
	void redisIsRunningAgain() throws Exception {
		RedisServer.ensureRunning();
	}

	@Test
	void fanOutResumesAfterRedisRestarts() throws Exception {
		RedisServer.ensureRunning();
		try (Cluster cluster = Cluster.start(logs, 2, "--chatspace.rate-limit.enabled=false")) {
			Api a = cluster.api(0);
			Api b = cluster.api(1);
			User alice = a.newUser("alice");
			User bob = b.newUser("bob");
			String room = a.createRoom(alice, Names.unique("outage"));
			try (ChatClient ca = a.connect(alice); ChatClient cb = b.connect(bob)) {
				ca.join(room);
				cb.join(room);
				List<String> sent = new ArrayList<>();
				sent.add(ca.post(room, "before the outage"));
				sent.add(cb.post(room, "before the outage, too"));
				awaitAll(List.of(ca, cb), room, sent);

				try {
					RedisServer.stop();
					// the nodes keep accepting messages; their health is degraded, not
					// down
					for (int i = 0; i < 3; i++) {
						sent.add(ca.post(room, "during the outage " + i));
					}
					sent.add(cb.post(room, "during the outage from node 1"));
					ChatClient.waiting().until(() -> a.get("/actuator/health", null).body().contains("DEGRADED"));
					assertThat(a.get("/actuator/health", null).status()).isEqualTo(200);
					Thread.sleep(500);
				}
				finally {
					RedisServer.ensureRunning();
				}

				// the messages of the outage arrive from the database, fan-out resumes
				awaitAll(List.of(ca, cb), room, sent);
				ChatClient.waiting().until(() -> a.get("/actuator/health", null).body().contains("UP"));
				sent.add(ca.post(room, "after the outage"));
				sent.add(cb.post(room, "after the outage, too"));
				awaitAll(List.of(ca, cb), room, sent);

				for (ChatClient client : List.of(ca, cb)) {
					assertThat(client.isClosed()).isFalse();
					assertThat(duplicates(client.messages(room))).isEmpty();
					assertThat(client.frames("joined")).hasSize(1);
				}
			}
		}
	}

	private static void awaitAll(List<ChatClient> clients, String room, List<String> ids) {
		for (ChatClient client : clients) {
			ChatClient.waiting()
				.until(() -> client.messages(room)
					.stream()
					.map(m -> m.path("id").asString())
					.toList()
					.containsAll(ids));
		}
	}

	private static Map<String, Integer> duplicates(List<JsonNode> messages) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		messages.forEach(m -> counts.merge(m.path("id").asString(), 1, Integer::sum));
		counts.values().removeIf(n -> n == 1);
		return counts;
	}

}
