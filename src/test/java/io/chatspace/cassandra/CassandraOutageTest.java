package io.chatspace.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import io.chatspace.support.TestCassandra;
import io.chatspace.support.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cassandra down at start and stopped mid-stream, for real: this test runs a Cassandra
 * node of its own (127.0.0.1:19142, {@code scripts/cassandra}, data in
 * {@code target/cassandra-outage}) so the shared node stays up for the other tests. The
 * ChatSpace node starts while its Cassandra is down (health DOWN, sends refused with
 * {@code unavailable}), serves once Cassandra is started, refuses sends while Cassandra
 * is stopped in the middle of a stream of sends, and serves again by itself when
 * Cassandra is back; every acknowledged message is in the history exactly once, and the
 * refused ones, retried with their nonces, are stored once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { TestSettings.NO_RATE_LIMIT,
		"spring.cassandra.contact-points=127.0.0.1:" + CassandraOutageTest.PORT, "spring.cassandra.request.timeout=3s",
		"chatspace.cassandra.startup-wait=1s", "chatspace.cassandra.connect-retry=1s" })
@ActiveProfiles("cassandra")
@ExtendWith(OutputCaptureExtension.class)
class CassandraOutageTest {

	static final int PORT = 19142;

	private static final TestCassandra.Node NODE = new TestCassandra.Node(PORT, 17142,
			Path.of("target/cassandra-outage").toAbsolutePath());

	@LocalServerPort
	int port;

	/** Every run has its own keyspace: the node's data outlives the run. */
	@DynamicPropertySource
	static void keyspace(DynamicPropertyRegistry registry) {
		String keyspace = TestCassandra.uniqueKeyspace("outage");
		registry.add("chatspace.cassandra.keyspace", () -> keyspace);
	}

	@BeforeAll
	static void cassandraIsDown() {
		NODE.stop(); // left over from an interrupted run
		assertThat(TestCassandra.listening(PORT)).as("nothing may listen on %d", PORT).isFalse();
	}

	@AfterAll
	static void stopCassandra() {
		NODE.stop();
	}

	@Test
	void sendsAreRefusedWhileCassandraIsDownAndNothingAcknowledgedIsLost(CapturedOutput output) {
		Api api = new Api(port);
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, Names.unique("outage"));

		// 1. the node started without its Cassandra: it says so, reports DOWN, refuses
		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getAll().contains("Cassandra is not reachable at 127.0.0.1:" + PORT + ": "));
		assertThat(api.get("/actuator/health", null).status()).isEqualTo(503);
		Api.Response refused = api.post("/api/rooms/" + room + "/messages", alice.token(), map("body", "too early"));
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.error()).isEqualTo("unavailable");

		// 2. Cassandra starts: the node connects by itself
		NODE.start();
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/actuator/health", null).status() == 200);

		Map<String, String> acked = new LinkedHashMap<>(); // nonce -> id
		List<String> refusedNonces = new ArrayList<>();
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(room);
			b.join(room);
			int sent = 0;
			// 3. a stream of sends; Cassandra is stopped in the middle of it
			for (; sent < 40; sent++) {
				send(a, room, sent, acked, refusedNonces);
			}
			assertThat(refusedNonces).isEmpty();
			Thread stopper = Thread.ofPlatform().start(NODE::stop);
			long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (refusedNonces.size() < 5 && System.nanoTime() < until) {
				send(a, room, sent++, acked, refusedNonces);
				pause();
			}
			join(stopper);
			for (int i = 0; i < 5; i++) {
				send(a, room, sent++, acked, refusedNonces); // stopped for good now
			}
			assertThat(refusedNonces).as("sends while Cassandra is stopped").hasSizeGreaterThanOrEqualTo(5);
			assertThat(api.get("/actuator/health", null).status()).isEqualTo(503);
			// the socket stays usable
			assertThat(a.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");

			// 4. Cassandra comes back: sending works again without anything done to the
			// node; the refused sends are retried with the same nonces
			NODE.start();
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> api.get("/actuator/health", null).status() == 200);
			for (String nonce : List.copyOf(refusedNonces)) {
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
					JsonNode reply = a
						.request(map("type", "send", "room", room, "body", "body " + nonce, "nonce", nonce));
					if (reply.path("type").asString().equals("ack")) {
						acked.putIfAbsent(nonce, reply.path("id").asString());
						return true;
					}
					assertThat(reply.path("code").asString()).isEqualTo("unavailable");
					return false;
				});
			}
			String last = a.post(room, "after the outage");

			// every acknowledged message, and every message, exactly once, in order
			List<String> history = new ArrayList<>();
			List<String> bodies = new ArrayList<>();
			String after = "0";
			while (true) {
				List<JsonNode> page = api.history(bob, room, "after=" + after + "&limit=200");
				if (page.isEmpty()) {
					break;
				}
				page.forEach(m -> {
					history.add(m.path("id").asString());
					bodies.add(m.path("body").asString());
				});
				after = history.getLast();
			}
			assertThat(history).containsAll(acked.values()).contains(last);
			assertThat(new HashSet<>(history)).as("no message twice").hasSize(history.size());
			Set<String> expectedBodies = new HashSet<>();
			for (int i = 0; i < sent; i++) {
				expectedBodies.add("body n-" + i);
			}
			expectedBodies.add("after the outage");
			assertThat(bodies).containsExactlyInAnyOrderElementsOf(expectedBodies);
			assertThat(history).isSortedAccordingTo((x, y) -> Long.compare(Long.parseLong(x), Long.parseLong(y)));
			// bob's live stream had every acknowledged message
			ChatClient.waiting()
				.until(() -> b.messages(room).stream().map(m -> m.path("id").asString()).toList(),
						live -> live.containsAll(acked.values()));
		}
		assertThat(output.getAll()).contains("Cassandra is not reachable at 127.0.0.1:" + PORT);
	}

	private static void send(ChatClient client, String room, int i, Map<String, String> acked, List<String> refused) {
		String nonce = "n-" + i;
		JsonNode reply = client.request(map("type", "send", "room", room, "body", "body " + nonce, "nonce", nonce));
		if (reply.path("type").asString().equals("ack")) {
			acked.put(nonce, reply.path("id").asString());
		}
		else {
			assertThat(reply.path("code").asString()).as("refusal %s", reply).isEqualTo("unavailable");
			refused.add(nonce);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(Duration.ofSeconds(120));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
