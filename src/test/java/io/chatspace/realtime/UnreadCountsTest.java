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
 * Unread counts over real sockets: they move as messages arrive and as reads happen, live
 * on every socket of the reader (the {@code unread} frame) and in {@code GET /api/rooms};
 * a read marker only moves forward and never past the newest message; the reader's own
 * messages never count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnreadCountsTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void countsMoveAsMessagesArriveAndReadsHappen() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		String dm = api.openDm(alice, bob.name());
		try (ChatClient bobsHome = api.connect(bob);
				ChatClient bobsPhone = api.connect(bob);
				ChatClient a = api.connect(alice)) {
			assertThat(unread(bob, dm)).isZero();
			a.join(dm);
			String m1 = a.post(dm, "are you there?");
			String m2 = a.post(dm, "hello?");
			String m3 = a.post(dm, "bob!");

			// live, on every socket of bob, with what a list needs
			for (ChatClient socket : List.of(bobsHome, bobsPhone)) {
				JsonNode frame = awaitUnread(socket, dm, 3);
				assertThat(frame.path("kind").asString()).isEqualTo("direct");
				assertThat(frame.path("name").asString()).isEqualTo(alice.name());
				assertThat(frame.path("with").asString()).isEqualTo(alice.name());
				assertThat(frame.path("lastId").asString()).isEqualTo(m3);
			}
			JsonNode listed = api.listed(bob, dm);
			assertThat(listed.path("unread").asInt()).isEqualTo(3);
			assertThat(listed.path("lastId").asString()).isEqualTo(m3);
			// the author's own messages are not unread for her
			assertThat(unread(alice, dm)).isZero();

			// bob reads up to the second on his phone: 1 left, on both sockets
			bobsPhone.send(map("type", "read", "room", dm, "id", m2));
			awaitUnread(bobsHome, dm, 1);
			awaitUnread(bobsPhone, dm, 1);
			assertThat(unread(bob, dm)).isEqualTo(1);

			// a marker never moves back
			bobsHome.send(map("type", "read", "room", dm, "id", m1));
			assertThat(bobsHome.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");
			assertThat(unread(bob, dm)).isEqualTo(1);

			// reading everything; bob's reply does not count for him, it does for alice
			bobsHome.join(dm);
			bobsHome.send(map("type", "read", "room", dm, "id", m3));
			awaitUnread(bobsPhone, dm, 0);
			bobsHome.post(dm, "here!");
			assertThat(unread(bob, dm)).isZero();
			assertThat(unread(alice, dm)).isEqualTo(1);

			// a marker never moves past the newest message: a later message is unread
			bobsPhone.send(map("type", "read", "room", dm, "id", "999999999999999999"));
			// processed before the next message (a socket's frames are handled in order)
			assertThat(bobsPhone.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");
			String m5 = a.post(dm, "one more");
			awaitUnread(bobsPhone, dm, 1);
			assertThat(api.listed(bob, dm).path("lastId").asString()).isEqualTo(m5);
			assertThat(unread(bob, dm)).isEqualTo(1);
		}
	}

	@Test
	void aMessageInARoomTheUserIsNotLookingAtUpdatesTheirCountLive() {
		User owner = api.newUser("olga");
		User reader = api.newUser("rita");
		User chatty = api.newUser("carl");
		String room = api.createRoom(owner, Names.unique("news"));
		try (ChatClient r = api.connect(reader);
				ChatClient o = api.connect(owner);
				ChatClient c = api.connect(chatty)) {
			c.join(room);
			String first = c.post(room, "first");
			// the owner follows the room from the start
			awaitUnread(o, room, 1);
			// a public room the reader never opened is not followed: 0, no events
			assertThat(unread(reader, room)).isZero();
			assertThat(r.frames("unread")).isEmpty();

			// reading it follows it
			r.send(map("type", "read", "room", room, "id", first));
			awaitUnread(r, room, 0);
			String second = c.post(room, "second");
			c.post(room, "third");
			JsonNode two = awaitUnread(r, room, 2);
			assertThat(two.path("kind").asString()).isEqualTo("public");
			assertThat(two.has("with")).isFalse();
			assertThat(unread(reader, room)).isEqualTo(2);
			assertThat(unread(owner, room)).isEqualTo(3);

			// the count of a room the reader looks at is cleared by reading
			r.join(room);
			r.send(map("type", "read", "room", room, "id", second));
			awaitUnread(r, room, 1);
			assertThat(unread(reader, room)).isEqualTo(1);
			assertThat(unread(owner, room)).isEqualTo(3);
		}
	}

	@Test
	void aRoomTheUserIsAddedToAppearsLive() {
		User owner = api.newUser("olga");
		User guest = api.newUser("gus");
		String room = api.createRoom(owner, Names.unique("club"), "private");
		api.postMessage(owner, room, "before you came");
		try (ChatClient g = api.connect(guest)) {
			assertThat(api.addMember(owner, room, guest.name()).status()).isEqualTo(201);
			JsonNode added = awaitUnread(g, room, 1);
			assertThat(added.path("kind").asString()).isEqualTo("private");
			assertThat(api.listed(guest, room).path("unread").asInt()).isEqualTo(1);
		}
	}

	@Test
	void badReadFramesAreRefused() {
		User user = api.newUser("ursula");
		String room = api.newRoom("plain");
		try (ChatClient c = api.connect(user)) {
			assertThat(code(c, map("type", "read", "room", room))).isEqualTo("bad_request");
			assertThat(code(c, map("type", "read", "room", room, "id", "abc"))).isEqualTo("bad_request");
			assertThat(code(c, map("type", "read", "id", "1"))).isEqualTo("bad_request");
			assertThat(code(c, map("type", "read", "room", Names.unique("nowhere").toLowerCase(), "id", "1")))
				.isEqualTo("not_found");
		}
	}

	private static String code(ChatClient client, Map<String, ?> frame) {
		JsonNode reply = client.request(frame);
		assertThat(reply.path("type").asString()).isEqualTo("error");
		return reply.path("code").asString();
	}

	/** Waits until the latest {@code unread} frame of the room says {@code count}. */
	private static JsonNode awaitUnread(ChatClient client, String room, int count) {
		JsonNode[] last = new JsonNode[1];
		try {
			ChatClient.waiting().until(() -> {
				List<JsonNode> frames = client.frames("unread")
					.stream()
					.filter(f -> room.equals(f.path("room").asString()))
					.toList();
				last[0] = frames.isEmpty() ? null : frames.getLast();
				return last[0] != null && last[0].path("unread").asInt() == count;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError(
					"no unread " + count + " for " + room + "; unread frames: " + client.frames("unread"), ex);
		}
		return last[0];
	}

	private int unread(User user, String room) {
		JsonNode listed = api.listed(user, room);
		assertThat(listed).as("%s in the list of %s", room, user.name()).isNotNull();
		return listed.path("unread").asInt();
	}

}
