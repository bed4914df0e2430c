package io.chatspace.realtime;

import java.util.ArrayList;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation over real sockets on a real port: sending and receiving, history and
 * presence on join, typing, nonces, ping. Default settings (rate limits on), so every
 * test uses users of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void twoUsersSeeEachOthersMessagesInOrder() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, Names.unique("general"));
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(room);
			b.join(room);
			String first = a.post(room, "hi bob");
			String second = b.post(room, "hi alice");
			String third = a.post(room, "  how are you?\n");
			assertThat(List.of(first, second, third)).allMatch(id -> id.matches("[0-9]{10,19}"));
			assertThat(Long.parseLong(first)).isLessThan(Long.parseLong(second));
			assertThat(Long.parseLong(second)).isLessThan(Long.parseLong(third));
			for (ChatClient client : List.of(a, b)) {
				ChatClient.waiting().until(() -> client.messages(room).size() == 3);
				List<JsonNode> seen = client.messages(room);
				assertThat(seen).extracting(m -> m.path("id").asString()).containsExactly(first, second, third);
				assertThat(seen).extracting(m -> m.path("author").asString())
					.containsExactly(alice.name(), bob.name(), alice.name());
				assertThat(seen).extracting(m -> m.path("body").asString())
					.containsExactly("hi bob", "hi alice", "how are you?");
				assertThat(seen).allSatisfy(m -> {
					assertThat(m.path("room").asString()).isEqualTo(room);
					assertThat(m.path("sentAt").asString())
						.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
				});
			}
			// each ack reached its sender only, once
			assertThat(a.frames("ack")).extracting(f -> f.path("id").asString()).containsExactly(first, third);
			assertThat(b.frames("ack")).extracting(f -> f.path("id").asString()).containsExactly(second);
			assertThat(a.frames("ack")).allSatisfy(f -> assertThat(f.path("room").asString()).isEqualTo(room));
		}
	}

	@Test
	void messagesOfOtherRoomsAreNotDelivered() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String kitchen = api.createRoom(alice, Names.unique("kitchen"));
		String garden = api.createRoom(alice, Names.unique("garden"));
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(kitchen);
			a.join(garden);
			b.join(garden);
			a.post(kitchen, "only for the kitchen");
			String gardenId = a.post(garden, "for the garden");
			b.await("message", f -> f.path("message").path("id").asString().equals(gardenId));
			assertThat(b.frames("message")).extracting(f -> f.path("room").asString()).containsOnly(garden);
			assertThat(a.messages(kitchen)).extracting(m -> m.path("body").asString())
				.containsExactly("only for the kitchen");
		}
	}

	@Test
	void joinSendsTheLast50MessagesOldestFirst() {
		String room = api.newRoom("history");
		List<String> posted = new ArrayList<>();
		// 60 messages from 4 users stays within each user's burst of 20
		for (int u = 0; u < 4; u++) {
			User author = api.newUser("author");
			for (int i = 0; i < 15; i++) {
				posted.add(api.postMessage(author, room, "message " + posted.size()).path("id").asString());
			}
		}
		try (ChatClient reader = api.connect(api.newUser("reader"))) {
			JsonNode joined = reader.join(room);
			assertThat(joined.path("room").asString()).isEqualTo(room);
			assertThat(joined.path("more").asBoolean()).isFalse();
			List<JsonNode> history = List.copyOf(joined.path("messages").values());
			assertThat(history).extracting(m -> m.path("id").asString())
				.containsExactlyElementsOf(posted.subList(10, 60));
			assertThat(history).extracting(m -> m.path("body").asString()).first().isEqualTo("message 10");
			assertThat(history).extracting(m -> m.path("body").asString()).last().isEqualTo("message 59");
		}
	}

	@Test
	void joinOfAnEmptyRoomHasNoMessages() {
		String room = api.newRoom("empty");
		User carol = api.newUser("carol");
		try (ChatClient c = api.connect(carol)) {
			JsonNode joined = c.join(room);
			assertThat(joined.path("messages").isArray()).isTrue();
			assertThat(joined.path("messages").size()).isZero();
			assertThat(joined.path("online").values()).extracting(JsonNode::asString).containsExactly(carol.name());
		}
	}

	@Test
	void presenceAnnouncesAUsersFirstSocketInARoomAndTheirLastOneLeaving() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, Names.unique("lobby"));
		try (ChatClient a = api.connect(alice)) {
			JsonNode aliceJoined = a.join(room);
			assertThat(online(aliceJoined)).containsExactly(alice.name());

			ChatClient bobPhone = api.connect(bob);
			JsonNode bobJoined = bobPhone.join(room);
			assertThat(online(bobJoined)).containsExactlyInAnyOrder(alice.name(), bob.name());
			JsonNode joins = a.await("presence", f -> f.path("joins").toString().contains(bob.name()));
			assertThat(joins.path("room").asString()).isEqualTo(room);
			assertThat(joins.path("joins").values()).extracting(JsonNode::asString).containsExactly(bob.name());
			assertThat(joins.path("leaves").size()).isZero();

			// a second socket of bob: he is already there, nobody is told again
			ChatClient bobLaptop = api.connect(bob);
			assertThat(online(bobLaptop.join(room))).containsExactlyInAnyOrder(alice.name(), bob.name());
			String marker = bobLaptop.post(room, "on my laptop now");
			a.await("message", f -> f.path("message").path("id").asString().equals(marker));
			assertThat(presenceAbout(a, bob)).hasSize(1);

			// one of two sockets goes: bob is still online
			bobPhone.close();
			assertThat(online(bobLaptop.join(room))).contains(bob.name());
			String marker2 = bobLaptop.post(room, "phone is off");
			a.await("message", f -> f.path("message").path("id").asString().equals(marker2));
			assertThat(presenceAbout(a, bob)).hasSize(1);

			// the last one leaves: alice is told once, bob gets "left"
			JsonNode left = bobLaptop.request(Map.of("type", "leave", "room", room));
			assertThat(left.path("type").asString()).isEqualTo("left");
			assertThat(left.path("room").asString()).isEqualTo(room);
			JsonNode leaves = a.await("presence", f -> f.path("leaves").toString().contains(bob.name()));
			assertThat(leaves.path("leaves").values()).extracting(JsonNode::asString).containsExactly(bob.name());
			assertThat(leaves.path("joins").size()).isZero();

			// after leaving, bob's socket gets nothing more of the room
			String after = a.post(room, "bob, are you there?");
			bobLaptop.request(Map.of("type", "ping"));
			a.await("message", f -> f.path("message").path("id").asString().equals(after));
			assertThat(bobLaptop.messages(room)).extracting(m -> m.path("id").asString()).doesNotContain(after);

			// a dropped connection counts as leaving too
			bobLaptop.join(room);
			a.await("presence", f -> presenceAbout(a, bob).size() == 3);
			bobLaptop.abort();
			ChatClient.waiting().until(() -> presenceAbout(a, bob).size() == 4);
			assertThat(presenceAbout(a, bob).get(3).path("leaves").values()).extracting(JsonNode::asString)
				.containsExactly(bob.name());
			assertThat(online(a.join(room))).containsExactly(alice.name());
		}
	}

	@Test
	void typingIsRelayedToOthersAtMostOncePerSecond() throws InterruptedException {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, Names.unique("typing"));
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(room);
			b.join(room);
			a.send(Map.of("type", "typing", "room", room));
			a.send(Map.of("type", "typing", "room", room));
			a.send(Map.of("type", "typing", "room", room));
			String marker = a.post(room, "done typing");
			b.await("message", f -> f.path("message").path("id").asString().equals(marker));
			// typing frames are relayed before the later message, so by now all relayed
			// ones are here
			List<JsonNode> typing = b.frames("typing");
			assertThat(typing).hasSize(1);
			assertThat(typing.getFirst().path("room").asString()).isEqualTo(room);
			assertThat(typing.getFirst().path("user").asString()).isEqualTo(alice.name());
			assertThat(a.frames("typing")).as("the typist is not told about their own typing").isEmpty();

			Thread.sleep(1100);
			a.send(Map.of("type", "typing", "room", room));
			ChatClient.waiting().until(() -> b.frames("typing").size() == 2);
			String marker2 = a.post(room, "still here");
			b.await("message", f -> f.path("message").path("id").asString().equals(marker2));
			assertThat(a.frames("typing")).isEmpty();
			assertThat(b.frames("typing")).hasSize(2);
		}
	}

	@Test
	void aRepeatedNonceYieldsTheSameIdAndOnlyOneMessage() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String room = api.createRoom(alice, Names.unique("nonce"));
		try (ChatClient a = api.connect(alice); ChatClient b = api.connect(bob)) {
			a.join(room);
			b.join(room);
			JsonNode first = a.request(Map.of("type", "send", "room", room, "body", "exactly once", "nonce", "n-1"));
			JsonNode retry = a.request(Map.of("type", "send", "room", room, "body", "exactly once", "nonce", "n-1"));
			assertThat(first.path("type").asString()).isEqualTo("ack");
			assertThat(retry.path("type").asString()).isEqualTo("ack");
			assertThat(retry.path("id").asString()).isEqualTo(first.path("id").asString());
			// a different nonce is a different message
			String other = a.post(room, "another one");
			b.await("message", f -> f.path("message").path("id").asString().equals(other));
			a.await("message", f -> f.path("message").path("id").asString().equals(other));
			assertThat(b.messages(room)).extracting(m -> m.path("body").asString())
				.containsExactly("exactly once", "another one");
			assertThat(a.messages(room)).extracting(m -> m.path("body").asString())
				.containsExactly("exactly once", "another one");
			assertThat(api.history(bob, room, "")).extracting(m -> m.path("body").asString())
				.containsExactly("exactly once", "another one");

			// the nonce is the user's: bob may use the same one
			JsonNode bobs = b.request(Map.of("type", "send", "room", room, "body", "mine", "nonce", "n-1"));
			assertThat(bobs.path("type").asString()).isEqualTo("ack");
			assertThat(bobs.path("id").asString()).isNotEqualTo(first.path("id").asString());
		}
	}

	@Test
	void pingIsAnsweredWithPong() {
		try (ChatClient c = api.connect(api.newUser("pinger"))) {
			JsonNode pong = c.request(Map.of("type", "ping"));
			assertThat(pong.path("type").asString()).isEqualTo("pong");
			c.send(Map.of("type", "ping"));
			ChatClient.waiting().until(() -> c.frames("pong").size() == 2);
			assertThat(c.frames("pong").get(1).has("ref")).isFalse();
		}
	}

	@Test
	void aUserCanBeInSeveralRoomsOnOneSocket() {
		User dave = api.newUser("dave");
		String one = api.createRoom(dave, Names.unique("one"));
		String two = api.createRoom(dave, Names.unique("two"));
		try (ChatClient d = api.connect(dave)) {
			d.join(one);
			d.join(two);
			String idOne = d.post(one, "in one");
			String idTwo = d.post(two, "in two");
			ChatClient.waiting().until(() -> d.messages(one).size() == 1 && d.messages(two).size() == 1);
			assertThat(d.messages(one).getFirst().path("id").asString()).isEqualTo(idOne);
			assertThat(d.messages(two).getFirst().path("id").asString()).isEqualTo(idTwo);
			// joining again is harmless: a fresh history, no duplicate live events
			JsonNode again = d.join(one);
			assertThat(again.path("messages").values()).extracting(m -> m.path("id").asString()).containsExactly(idOne);
			String next = d.post(one, "after rejoin");
			d.await("message", f -> f.path("message").path("id").asString().equals(next));
			d.request(Map.of("type", "ping"));
			assertThat(d.messages(one)).extracting(m -> m.path("id").asString()).containsExactly(idOne, next);
		}
	}

	private static List<String> online(JsonNode joined) {
		return joined.path("online").values().stream().map(JsonNode::asString).toList();
	}

	private static List<JsonNode> presenceAbout(ChatClient client, User user) {
		return client.frames("presence")
			.stream()
			.filter(f -> f.path("joins").toString().contains("\"" + user.name() + "\"")
					|| f.path("leaves").toString().contains("\"" + user.name() + "\""))
			.toList();
	}

}
