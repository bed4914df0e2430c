package io.chatspace.realtime;

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
 * A client that stops reading while its outbound budget is far from full: once its queued
 * frames have made no write progress for {@code send-timeout} (1 s here), the server cuts
 * the connection and lets go of it, instead of keeping the frames until the budget fills.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { TestSettings.NO_RATE_LIMIT,
		"chatspace.realtime.outbound-buffer=512MB", "chatspace.realtime.send-timeout=1s" })
class StalledClientTest {

	@LocalServerPort
	int port;

	@Autowired
	ChatSocketHandler gateway;

	@Test
	void aSocketWhoseWritesMakeNoProgressIsCutAfterTheSendTimeout() throws Exception {
		Api api = new Api(port);
		User stuckUser = api.newUser("stuck");
		User poster = api.newUser("poster");
		String room = api.createRoom(poster, Names.unique("stall"));
		try (ChatClient normal = api.connect(poster)) {
			normal.join(room);
			int openBefore = gateway.openConnections();
			try (RawWebSocket stuck = NonReadingClient.joinAndStopReading(port, stuckUser, room, normal)) {
				// more than the kernel's socket buffers hold (a few MB), far less than
				// the
				// 512 MB budget: only the stalled writes can get the socket closed
				NonReadingClient.flood(api, List.of(poster, poster, poster, poster), room, 500);
				ChatClient.waiting().until(() -> gateway.openConnections() == openBefore);
				assertThat(stuck.drainUntilClosed()).as("bytes the stuck client could still read")
					.isLessThan(2000L * 4000);
			}
			// the user's presence in the room ends with the socket
			normal.await("presence", f -> f.path("leaves").toString().contains(stuckUser.name()));
			String after = normal.post(room, "still served");
			normal.await("message", f -> f.path("message").path("id").asString().equals(after));
		}
	}

}
