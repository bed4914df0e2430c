package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import io.chatspace.support.RawWebSocket;
import io.chatspace.support.TestSettings;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that never reads must not slow anyone else down, nor grow the server's memory:
 * once its outbound buffer (256 KB here) is full, the server closes it, while a normal
 * client in the same room keeps receiving every message promptly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestSettings.NO_RATE_LIMIT, TestSettings.SMALL_OUTBOUND_BUFFER })
class SlowClientTest {

	static final int POSTERS = 4;

	static final int MESSAGES_EACH = 400;

	@LocalServerPort
	int port;

	@Autowired
	ChatSocketHandler gateway;

	@Test
	void aClientThatNeverReadsIsClosedWithoutSlowingTheOthers() throws Exception {
		Api api = new Api(port);
		User slowUser = api.newUser("sloth");
		User normalUser = api.newUser("normal");
		String room = api.createRoom(normalUser, Names.unique("flood"));
		List<User> posters = new ArrayList<>();
		for (int i = 0; i < POSTERS; i++) {
			posters.add(api.newUser("poster"));
		}

		try (ChatClient normal = api.connect(normalUser)) {
			normal.join(room);
			int openBefore = gateway.openConnections();
			try (RawWebSocket slow = NonReadingClient.joinAndStopReading(port, slowUser, room, normal)) {

				// several MB of ~4000-character messages; the slow client reads none of
				// it
				long started = System.nanoTime();
				NonReadingClient.flood(api, posters, room, MESSAGES_EACH);
				long flooded = System.nanoTime();

				// the normal client got every message, at most a few seconds after the
				// last
				// was posted
				int total = POSTERS * MESSAGES_EACH;
				ChatClient.waiting().until(() -> normal.messages(room).size() >= total);
				long caughtUp = System.nanoTime();
				assertThat(normal.messages(room)).hasSize(total);
				assertThat(new HashSet<>(normal.messages(room).stream().map(m -> m.path("id").asString()).toList()))
					.hasSize(total);
				assertThat((caughtUp - flooded) / 1_000_000).as("ms behind after the flood").isLessThan(3000);

				// the slow socket was closed by the server: it ends after what was
				// already in
				// flight
				ChatClient.waiting().until(() -> gateway.openConnections() == openBefore);
				long closed = System.nanoTime();
				long received = slow.drainUntilClosed();
				// (what the kernel's socket buffers held, a few MB at most: not the whole
				// flood)
				assertThat(received).as("bytes the slow client could still read").isLessThan(total * 4000L);
				// and the normal client is still connected and served
				String after = normal.post(room, "still here");
				normal.await("message", f -> f.path("message").path("id").asString().equals(after));
				assertThat(normal.isClosed()).isFalse();
				System.out.printf(
						"flood of %d messages took %d ms, normal client caught up %d ms later, slow socket closed "
								+ "%d ms after the flood and got %d bytes%n",
						total, (flooded - started) / 1_000_000, (caughtUp - flooded) / 1_000_000,
						(closed - flooded) / 1_000_000, received);
			}
		}
	}

}
