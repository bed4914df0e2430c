package io.chatspace.realtime;

import java.util.List;
import java.util.Map;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A direct room is a room over the same protocol: join, send, history, typing and the
 * HTTP history work for its two members as for any room.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectMessagesTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void twoUsersTalkPrivatelyOverTheSameProtocol() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String dm = api.openDm(alice, bob.name());
		String early = api.postMessage(alice, dm, "psst").path("id").asString();
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			JsonNode joined = b.join(dm);
			assertThat(joined.path("messages").values()).extracting(m -> m.path("body").asString())
				.containsExactly("psst");
			a.join(dm);
			assertThat(b.await("presence",
					f -> dm.equals(f.path("room").asString()) && f.path("joins").toString().contains(alice.name())))
				.isNotNull();

			// typing: relayed to the other member, never echoed
			b.send(Map.of("type", "typing", "room", dm));
			JsonNode typing = a.await("typing", f -> dm.equals(f.path("room").asString()));
			assertThat(typing.path("user").asString()).isEqualTo(bob.name());

			String reply = b.post(dm, "what is it?");
			for (ChatClient client : List.of(a, b)) {
				client.await("message", f -> f.path("message").path("id").asString().equals(reply));
			}
			assertThat(b.frames("typing")).isEmpty();

			JsonNode history = a.request(map("type", "history", "room", dm, "before", reply));
			assertThat(history.path("messages").values()).extracting(m -> m.path("id").asString())
				.containsExactly(early);
			assertThat(api.history(bob, dm, "")).extracting(m -> m.path("author").asString())
				.containsExactly(alice.name(), bob.name());
		}
	}

}
