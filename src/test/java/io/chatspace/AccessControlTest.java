package io.chatspace;

import java.util.List;
import java.util.Map;

import io.chatspace.support.Api;
import io.chatspace.support.Api.Response;
import io.chatspace.support.Api.User;
import io.chatspace.support.BrowserSession;
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
 * Nobody reads what is not theirs: a third user can neither join, read (WebSocket and
 * HTTP) nor send to a direct room or a private room they are not a member of; a removed
 * member stops receiving at once, on every socket; room lists never leak private or
 * direct rooms. Real port, real sockets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		api.inspectEveryResponse(HttpApiTest::wellFormed);
	}

	@Test
	void aThirdUserCannotJoinReadOrSendToADirectRoom() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		User mallory = api.newUser("mallory");
		String dm = api.openDm(alice, bob.name());
		api.postMessage(alice, dm, "our secret");
		assertOutsiderLockedOut(dm, List.of(alice, bob), mallory, "our secret");
	}

	@Test
	void aThirdUserCannotJoinReadOrSendToAPrivateRoom() {
		User owner = api.newUser("olga");
		User member = api.newUser("mike");
		User mallory = api.newUser("mallory");
		String room = api.createRoom(owner, Names.unique("backroom"), "private");
		assertThat(api.addMember(owner, room, member.name()).status()).isEqualTo(201);
		api.postMessage(member, room, "the plan");
		assertOutsiderLockedOut(room, List.of(owner, member), mallory, "the plan");
	}

	private void assertOutsiderLockedOut(String room, List<User> members, User outsider, String secret) {
		// HTTP: read and write are 403
		Response read = api.get("/api/rooms/" + room + "/messages", outsider.token());
		assertThat(read.status()).isEqualTo(403);
		assertThat(read.error()).isEqualTo("forbidden");
		assertThat(read.body()).doesNotContain(secret);
		Response write = api.post("/api/rooms/" + room + "/messages", outsider.token(), map("body", "let me in"));
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.error()).isEqualTo("forbidden");
		Response members403 = api.get("/api/rooms/" + room + "/members", outsider.token());
		assertThat(members403.status()).isEqualTo(403);

		try (ChatClient in = api.connect(members.get(0)); ChatClient out = api.connect(outsider)) {
			in.join(room);
			// WebSocket: join, send, history, typing and read are all forbidden
			for (Map<String, Object> frame : List.of(map("type", "join", "room", room),
					map("type", "send", "room", room, "body", "let me in"),
					map("type", "history", "room", room, "before", "999999999999999"),
					map("type", "typing", "room", room), map("type", "read", "room", room, "id", "1"))) {
				JsonNode reply = out.request(frame);
				assertThat(reply.path("type").asString()).as("reply to %s", frame).isEqualTo("error");
				assertThat(reply.path("code").asString()).as("reply to %s", frame).isEqualTo("forbidden");
				assertThat(reply.toString()).doesNotContain(secret);
			}
			// nothing of the room ever reaches the outsider
			String later = in.post(room, "more secrets");
			in.await("message", f -> f.path("message").path("id").asString().equals(later));
			assertThat(out.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");
			assertThat(out.frames("message")).isEmpty();
			assertThat(out.frames("presence")).isEmpty();
			assertThat(out.frames("typing")).isEmpty();
			assertThat(out.frames())
				.noneMatch(f -> f.toString().contains(room) && !"error".equals(f.path("type").asString()));
		}
		// and the outsider's send left nothing behind
		assertThat(api.history(members.get(1), room, "")).extracting(m -> m.path("body").asString())
			.containsExactly(secret, "more secrets");
	}

	@Test
	void aRemovedMemberStopsReceivingAtOnceOnEverySocket() {
		User owner = api.newUser("olga");
		User bob = api.newUser("bob");
		String room = api.createRoom(owner, Names.unique("circle"), "private");
		assertThat(api.addMember(owner, room, bob.name()).status()).isEqualTo(201);
		try (ChatClient o = api.connect(owner);
				ChatClient phone = api.connect(bob);
				ChatClient laptop = api.connect(bob);
				ChatClient home = api.connect(bob)) {
			o.join(room);
			phone.join(room);
			laptop.join(room);
			// home is bob's home page: connected, not joined
			String before = o.post(room, "welcome, bob");
			for (ChatClient socket : List.of(phone, laptop)) {
				socket.await("message", f -> f.path("message").path("id").asString().equals(before));
			}

			Response removed = api.removeMember(owner, room, bob.name());
			assertThat(removed.status()).isEqualTo(204);

			// every socket of bob is told, at once (no reconnect, no poll)
			for (ChatClient socket : List.of(phone, laptop, home)) {
				JsonNode left = socket.await("left", f -> room.equals(f.path("room").asString()));
				assertThat(left.path("reason").asString()).isEqualTo("removed");
				assertThat(left.has("ref")).isFalse();
			}
			// the others see bob leave the room
			o.await("presence", f -> room.equals(f.path("room").asString())
					&& f.path("leaves").toString().contains("\"" + bob.name() + "\""));

			// nothing more of the room reaches bob
			String after = o.post(room, "bob is gone");
			o.await("message", f -> f.path("message").path("id").asString().equals(after));
			o.send(map("type", "typing", "room", room));
			for (ChatClient socket : List.of(phone, laptop, home)) {
				assertThat(socket.request(map("type", "ping")).path("type").asString()).isEqualTo("pong");
				assertThat(socket.messages(room)).extracting(m -> m.path("id").asString())
					.containsExactlyElementsOf(socket == home ? List.of() : List.of(before));
				assertThat(socket.frames("typing")).isEmpty();
			}
			// and he cannot come back or write
			assertThat(phone.request(map("type", "join", "room", room)).path("code").asString()).isEqualTo("forbidden");
			assertThat(phone.request(map("type", "send", "room", room, "body", "hey")).path("code").asString())
				.isEqualTo("forbidden");
			assertThat(api.get("/api/rooms/" + room + "/messages", bob.token()).status()).isEqualTo(403);
			assertThat(api.listed(bob, room)).isNull();
		}
	}

	@Test
	void roomListsNeverLeakPrivateOrDirectRooms() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		User carol = api.newUser("carol");
		String dm = api.openDm(alice, bob.name());
		String secret = api.createRoom(alice, Names.unique("hideout"), "private");
		String open = api.createRoom(alice, Names.unique("plaza"));

		List<String> carols = api.rooms(carol).stream().map(r -> r.path("slug").asString()).toList();
		assertThat(carols).contains(open).doesNotContain(dm, secret);
		assertThat(api.rooms(carol)).noneMatch(r -> "direct".equals(r.path("kind").asString()));

		// the members see them; a direct room under the other member's name
		JsonNode alicesDm = api.listed(alice, dm);
		assertThat(alicesDm.path("kind").asString()).isEqualTo("direct");
		assertThat(alicesDm.path("name").asString()).isEqualTo(bob.name());
		assertThat(alicesDm.path("with").asString()).isEqualTo(bob.name());
		assertThat(api.listed(bob, dm).path("name").asString()).isEqualTo(alice.name());
		assertThat(api.listed(bob, secret)).isNull();
		assertThat(api.listed(alice, secret).path("kind").asString()).isEqualTo("private");

		// nor do the pages: carol's home page and the rooms themselves
		BrowserSession browser = BrowserSession.login(api, carol.name(), Api.PASSWORD);
		Response home = api.send(api.request("/", null).header("Cookie", browser.cookie()).GET().build());
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains(open).doesNotContain(dm).doesNotContain(secret);
		for (String slug : List.of(dm, secret)) {
			Response page = api
				.send(api.request("/rooms/" + slug, null).header("Cookie", browser.cookie()).GET().build());
			assertThat(page.status()).isEqualTo(403);
		}
		// a member added later sees the room
		assertThat(api.addMember(alice, secret, carol.name()).status()).isEqualTo(201);
		assertThat(api.listed(carol, secret)).isNotNull();
	}

	@Test
	void directRoomsAreOneRoomPerPair() {
		User alice = api.newUser("alice");
		User bob = api.newUser("bob");
		User carol = api.newUser("carol");
		Response first = api.post("/api/dms", alice.token(), map("user", bob.name()));
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().path("kind").asString()).isEqualTo("direct");
		String slug = first.json().path("slug").asString();
		assertThat(slug).matches("[a-z0-9-]{1,80}");
		// whoever starts it, however often, in any case of the name
		assertThat(api.openDm(alice, bob.name())).isEqualTo(slug);
		assertThat(api.openDm(bob, alice.name())).isEqualTo(slug);
		assertThat(api.openDm(bob, alice.name().toUpperCase())).isEqualTo(slug);
		assertThat(api.openDm(alice, carol.name())).isNotEqualTo(slug);
		assertThat(api.openDm(carol, bob.name())).isNotEqualTo(slug);
		assertThat(api.rooms(alice).stream().filter(r -> slug.equals(r.path("slug").asString()))).hasSize(1);

		// the errors of the contract
		assertThat(api.post("/api/dms", alice.token(), map("user", Names.unique("nobody"))).status()).isEqualTo(404);
		assertThat(api.post("/api/dms", alice.token(), map("user", Names.unique("nobody"))).error())
			.isEqualTo("not_found");
		for (Object body : List.of(map(), map("user", ""), map("user", " "), "{", map("user", alice.name()))) {
			Response bad = api.post("/api/dms", alice.token(), body);
			assertThat(bad.status()).as("POST /api/dms %s", body).isEqualTo(400);
			assertThat(bad.error()).isEqualTo("bad_request");
		}
		assertThat(api.post("/api/dms", null, map("user", bob.name())).status()).isEqualTo(401);
		// a direct room is not made through POST /api/rooms, and has no members to manage
		assertThat(api.post("/api/rooms", alice.token(), map("name", Names.unique("x"), "kind", "direct")).status())
			.isEqualTo(400);
		assertThat(api.addMember(alice, slug, carol.name()).status()).isEqualTo(400);
		assertThat(api.removeMember(alice, slug, bob.name()).status()).isEqualTo(400);
		assertThat(api.get("/api/rooms/" + slug + "/members", bob.token()).json().path("members").values())
			.extracting(m -> m.path("username").asString())
			.containsExactlyInAnyOrder(alice.name(), bob.name());
	}

	@Test
	void onlyTheOwnerManagesThePrivateRoomsMembers() {
		User owner = api.newUser("olga");
		User member = api.newUser("mike");
		User other = api.newUser("nina");
		String room = api.createRoom(owner, Names.unique("council"), "private");
		String open = api.createRoom(owner, Names.unique("square"));

		Response added = api.addMember(owner, room, member.name());
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().path("username").asString()).isEqualTo(member.name());
		assertThat(api.addMember(owner, room, member.name()).status()).as("again").isEqualTo(200);

		Response list = api.get("/api/rooms/" + room + "/members", member.token());
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("members").values()).extracting(m -> m.path("username").asString())
			.containsExactlyInAnyOrder(owner.name(), member.name());
		assertThat(list.json().path("members").values()).filteredOn(m -> m.path("owner").asBoolean())
			.extracting(m -> m.path("username").asString())
			.containsExactly(owner.name());

		// a member is not the owner; an outsider is not even a member
		Response byMember = api.addMember(member, room, other.name());
		assertThat(byMember.status()).isEqualTo(403);
		assertThat(byMember.error()).isEqualTo("forbidden");
		assertThat(api.addMember(other, room, other.name()).status()).isEqualTo(403);
		assertThat(api.removeMember(other, room, member.name()).status()).isEqualTo(403);
		assertThat(api.removeMember(member, room, owner.name()).status()).isEqualTo(403);

		// bad requests
		assertThat(api.addMember(owner, room, Names.unique("ghost")).status()).isEqualTo(404);
		assertThat(api.post("/api/rooms/" + room + "/members", owner.token(), map()).status()).isEqualTo(400);
		assertThat(api.removeMember(owner, room, owner.name()).status()).isEqualTo(400);
		assertThat(api.removeMember(owner, room, other.name()).status()).isEqualTo(404);
		assertThat(api.addMember(owner, open, other.name()).status()).isEqualTo(400);
		assertThat(api.addMember(owner, Names.unique("nowhere").toLowerCase(), other.name()).status()).isEqualTo(404);
		assertThat(api.addMember(owner, room, other.name()).status()).isEqualTo(201);

		// the owner removes; a member may leave by themselves
		assertThat(api.removeMember(owner, room, other.name()).status()).isEqualTo(204);
		assertThat(api.removeMember(member, room, member.name()).status()).isEqualTo(204);
		assertThat(api.get("/api/rooms/" + room + "/members", owner.token()).json().path("members").values())
			.extracting(m -> m.path("username").asString())
			.containsExactly(owner.name());
		assertThat(api.get("/api/rooms/" + room + "/messages", member.token()).status()).isEqualTo(403);
		assertThat(api.delete("/api/rooms/" + room + "/members/" + member.name(), null).status()).isEqualTo(401);
	}

}
