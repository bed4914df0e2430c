package io.chatspace.realtime;

import java.util.List;
import java.util.Map;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every WebSocket error code of the protocol, produced by the input that should produce
 * it, with the {@code ref} echoed; the fatal ones close the socket with the documented
 * code, the others leave it open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayErrorsTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void malformedFramesAreAnsweredWithBadRequestAndTheSocketStaysUsable() {
		User erin = api.newUser("erin");
		String room = api.createRoom(erin, Names.unique("strict"));
		try (ChatClient c = api.connect(erin)) {
			c.join(room);
			// not JSON, or not an object: no ref can be read, so none is echoed
			for (String text : List.of("hello", "{\"type\":", "[1,2]", "\"join\"", "null", "")) {
				int before = c.frames("error").size();
				c.sendText(text);
				ChatClient.waiting().until(() -> c.frames("error").size() > before);
				JsonNode error = c.frames("error").get(before);
				assertThat(error.path("code").asString()).as("reply to %s", text).isEqualTo("bad_request");
				assertThat(error.has("ref")).isFalse();
				assertThat(error.path("message").asString()).isNotBlank();
			}
			expectPong(c);
			List<Map<String, Object>> bad = List.of(map("type", "join"), // no room
					map("type", "join", "room", 42), // room not a string
					map("type", "join", "room", room, "after", "yesterday"), // after not
																				// an id
					map("type", "join", "room", room, "after", -5), map("room", room), // no
																						// type
					map("type", 7, "room", room), // type not a string
					map("type", "send", "room", room), // no body
					map("type", "send", "room", room, "body", ""), // empty body
					map("type", "send", "room", room, "body", " \n\t "), // empty after
																			// trimming
					map("type", "send", "room", room, "body", 12), // body not a string
					map("type", "send", "room", room, "body", "hi", "nonce", ""), // empty
																					// nonce
					map("type", "send", "room", room, "body", "hi", "nonce", "n".repeat(65)), // nonce
																								// too
																								// long
					map("type", "send", "room", room, "body", "hi", "nonce", 5), // nonce
																					// not
																					// a
																					// string
					map("type", "history", "room", room), // no before
					map("type", "history", "room", room, "before", "abc"),
					map("type", "history", "room", room, "before", "100", "limit", 0),
					map("type", "history", "room", room, "before", "100", "limit", 201),
					map("type", "history", "room", room, "before", "100", "limit", "ten"),
					map("type", "history", "room", room, "before", "100", "limit", 2.5), map("type", "leave"),
					map("type", "typing"));
			for (Map<String, Object> frame : bad) {
				JsonNode reply = c.request(frame);
				assertThat(reply.path("type").asString()).as("reply to %s", frame).isEqualTo("error");
				assertThat(reply.path("code").asString()).as("code for %s", frame).isEqualTo("bad_request");
				assertThat(reply.path("message").asString()).isNotBlank();
			}
			// a ref that is too long or not a string is itself bad, and cannot be echoed
			int errors = c.frames("error").size();
			int pongs = c.frames("pong").size();
			c.send(map("type", "ping", "ref", "r".repeat(65)));
			c.send(map("type", "ping", "ref", 17));
			ChatClient.waiting().until(() -> c.frames("error").size() == errors + 2);
			assertThat(c.frames("error").subList(errors, errors + 2)).allSatisfy(e -> {
				assertThat(e.path("code").asString()).isEqualTo("bad_request");
				assertThat(e.has("ref")).isFalse();
			});
			assertThat(c.frames("pong")).hasSize(pongs);
			assertThat(c.request(map("type", "ping", "ref", "r".repeat(64))).path("type").asString()).isEqualTo("pong");
			// nothing was stored by any of it, and the socket still works
			assertThat(c.post(room, "still here")).isNotBlank();
			assertThat(api.history(erin, room, "")).extracting(m -> m.path("body").asString())
				.containsExactly("still here");
			assertThat(c.isClosed()).isFalse();
		}
	}

	@Test
	void anUnknownTypeIsAnsweredWithUnknownType() {
		try (ChatClient c = api.connect(api.newUser("frank"))) {
			JsonNode reply = c.request(map("type", "dance", "room", "x"));
			assertThat(reply.path("type").asString()).isEqualTo("error");
			assertThat(reply.path("code").asString()).isEqualTo("unknown_type");
			assertThat(reply.path("message").asString()).contains("dance");
			expectPong(c);
		}
	}

	@Test
	void joiningAPrivateRoomAsANonMemberIsForbidden() {
		User owner = api.newUser("owner");
		User stranger = api.newUser("stranger");
		String secret = api.createRoom(owner, Names.unique("secret"), "private");
		api.postMessage(owner, secret, "the plan");
		try (ChatClient c = api.connect(stranger); ChatClient o = api.connect(owner)) {
			JsonNode reply = c.request(map("type", "join", "room", secret));
			assertThat(reply.path("type").asString()).isEqualTo("error");
			assertThat(reply.path("code").asString()).isEqualTo("forbidden");
			assertThat(reply.toString()).doesNotContain("the plan");
			// and nothing of the room reaches the stranger afterwards; a room frame
			// without
			// a join is forbidden too (not merely not_joined: joining would not help)
			assertThat(c.request(map("type", "send", "room", secret, "body", "let me in")).path("code").asString())
				.isEqualTo("forbidden");
			assertThat(o.join(secret).path("messages").values()).extracting(m -> m.path("body").asString())
				.containsExactly("the plan");
			String later = o.post(secret, "more secrets");
			o.await("message", f -> f.path("message").path("id").asString().equals(later));
			expectPong(c);
			assertThat(c.frames("message")).isEmpty();
			assertThat(c.frames("presence")).isEmpty();
		}
	}

	@Test
	void anUnknownRoomIsNotFound() {
		try (ChatClient c = api.connect(api.newUser("gina"))) {
			String nowhere = Names.unique("nowhere").toLowerCase();
			for (Map<String, Object> frame : List.of(map("type", "join", "room", nowhere),
					map("type", "send", "room", nowhere, "body", "hello?"),
					map("type", "history", "room", nowhere, "before", "999999999999"),
					map("type", "typing", "room", nowhere), map("type", "leave", "room", nowhere))) {
				JsonNode reply = c.request(frame);
				assertThat(reply.path("code").asString()).as("reply to %s", frame).isEqualTo("not_found");
			}
		}
	}

	@Test
	void roomFramesForARoomNotJoinedAreNotJoined() {
		User hal = api.newUser("hal");
		String room = api.createRoom(hal, Names.unique("notjoined"));
		try (ChatClient c = api.connect(hal)) {
			for (Map<String, Object> frame : List.of(map("type", "send", "room", room, "body", "hello"),
					map("type", "history", "room", room, "before", "999999999999"), map("type", "typing", "room", room),
					map("type", "leave", "room", room))) {
				JsonNode reply = c.request(frame);
				assertThat(reply.path("code").asString()).as("reply to %s", frame).isEqualTo("not_joined");
			}
			assertThat(api.history(hal, room, "")).isEmpty();
			// after leaving, the room is not joined any more
			c.join(room);
			c.request(map("type", "leave", "room", room));
			assertThat(c.request(map("type", "send", "room", room, "body", "x")).path("code").asString())
				.isEqualTo("not_joined");
		}
	}

	@Test
	void aBodyOver4000CharactersIsTooLarge() {
		User ivan = api.newUser("ivan");
		String room = api.createRoom(ivan, Names.unique("large"));
		try (ChatClient c = api.connect(ivan)) {
			c.join(room);
			JsonNode reply = c.request(map("type", "send", "room", room, "body", "x".repeat(4001)));
			assertThat(reply.path("type").asString()).isEqualTo("error");
			assertThat(reply.path("code").asString()).isEqualTo("too_large");
			// the limit counts after trimming, and 4000 is allowed
			String id = c.post(room, "  " + "y".repeat(4000) + "  ");
			ChatClient.waiting().until(() -> c.messages(room).size() == 1);
			assertThat(c.messages(room).getFirst().path("id").asString()).isEqualTo(id);
			assertThat(c.messages(room).getFirst().path("body").asString()).hasSize(4000);
		}
	}

	@Test
	void moreThan20SendsAtOnceAreRateLimited() {
		User judy = api.newUser("judy");
		String room = api.createRoom(judy, Names.unique("flood"));
		try (ChatClient c = api.connect(judy)) {
			c.join(room);
			for (int i = 0; i < 30; i++) {
				c.send(map("type", "send", "room", room, "body", "spam " + i, "ref", "s" + i));
			}
			ChatClient.waiting()
				.until(() -> c.frames("ack").size() + c.frames("error").size() == 30
						&& c.messages(room).size() == c.frames("ack").size());
			List<JsonNode> errors = c.frames("error");
			assertThat(errors).isNotEmpty()
				.allSatisfy(e -> assertThat(e.path("code").asString()).isEqualTo("rate_limited"));
			// the burst is 20; a few tokens may refill (5 a second) while the 30 frames
			// arrive
			assertThat(c.frames("ack").size()).isBetween(20, 25);
			assertThat(errors).allSatisfy(e -> assertThat(e.path("ref").asString()).startsWith("s"));
			assertThat(api.history(judy, room, "limit=200")).hasSize(c.frames("ack").size());
			assertThat(c.isClosed()).isFalse();
		}
	}

	@Test
	void aTextFrameOver64KiBClosesTheSocketWith1009() {
		User kim = api.newUser("kim");
		String room = api.createRoom(kim, Names.unique("big"));
		try (ChatClient c = api.connect(kim); ChatClient other = api.connect(kim)) {
			c.join(room);
			other.join(room);
			// 64 KiB exactly is allowed (the body is too large, but the frame is not)
			String atLimit = frameOfSize(room, 64 * 1024);
			c.sendText(atLimit);
			assertThat(c.await("error", f -> true).path("code").asString()).isEqualTo("too_large");
			c.sendText(frameOfSize(room, 64 * 1024 + 1));
			assertThat(c.awaitClose().code()).isEqualTo(1009);
			// the user's other socket is unaffected
			assertThat(other.post(room, "still fine")).isNotBlank();
		}
	}

	@Test
	void theFrameLimitCountsBytesNotCharacters() {
		User kim = api.newUser("kim");
		String room = api.createRoom(kim, Names.unique("cyrillic"));
		try (ChatClient c = api.connect(kim)) {
			c.join(room);
			// 36,000 characters, but 72,000 bytes of UTF-8: over 64 KiB
			c.sendText("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"" + "ж".repeat(36_000) + "\"}");
			assertThat(c.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void aBinaryFrameClosesTheSocketWith1008() {
		try (ChatClient c = api.connect(api.newUser("leo"))) {
			c.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(c.awaitClose().code()).isEqualTo(1008);
			// the client is told why before the close
			assertThat(c.frames("error")).singleElement()
				.satisfies(e -> assertThat(e.path("code").asString()).isEqualTo("bad_request"));
		}
	}

	@Test
	void moreThan20MalformedFramesInARowCloseTheSocketWith1008() {
		try (ChatClient c = api.connect(api.newUser("mia"))) {
			// 20 in a row are tolerated; one good frame resets the count
			for (int i = 0; i < 20; i++) {
				c.sendText("not json " + i);
			}
			expectPong(c);
			for (int i = 0; i < 20; i++) {
				c.send(map("type", "no-such-type"));
			}
			expectPong(c);
			assertThat(c.isClosed()).isFalse();
			assertThat(c.frames("error")).hasSize(40);
			// the 21st in a row is fatal
			for (int i = 0; i < 21; i++) {
				c.sendText("{");
			}
			assertThat(c.awaitClose().code()).isEqualTo(1008);
			// every malformed frame was answered before the close, the fatal one too
			assertThat(c.frames("error")).hasSize(61);
		}
	}

	private static String frameOfSize(String room, int bytes) {
		String prefix = "{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"";
		String suffix = "\"}";
		return prefix + "z".repeat(bytes - prefix.length() - suffix.length()) + suffix;
	}

	private static void expectPong(ChatClient c) {
		assertThat(c.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");
	}

}
