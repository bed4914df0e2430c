package io.chatspace.audit;

import java.time.Duration;
import java.util.List;

import io.chatspace.support.Api;
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
import static org.awaitility.Awaitility.await;

/**
 * The audit log end to end: room creation and socket joins and leaves are recorded with
 * who, when and which node; {@code GET /api/rooms/{slug}/audit} pages them newest first
 * for the room's owner only; the owner's room page links to {@code /rooms/{slug}/audit}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class AuditApiTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	private List<JsonNode> events(User user, String room, String query) {
		Api.Response response = api.get("/api/rooms/" + room + "/audit" + query, user.token());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("events").values().stream().toList();
	}

	private static List<String> summary(List<JsonNode> events) {
		return events.stream().map(e -> e.path("type").asString() + " " + e.path("user").asString()).toList();
	}

	@Test
	void theOwnerSeesCreationJoinsAndLeavesNewestFirst() {
		User owner = api.newUser("owner");
		User bob = api.newUser("bob");
		String room = api.createRoom(owner, Names.unique("audited"));
		try (ChatClient b = api.connect(bob)) {
			b.join(room);
			// a second socket of the same user is not a second join
			try (ChatClient again = api.connect(bob)) {
				again.join(room);
			}
			b.request(map("type", "leave", "room", room));
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> summary(events(owner, room, "")).size() >= 3);
		List<JsonNode> events = events(owner, room, "");
		assertThat(summary(events)).containsExactly("member.left " + bob.name(), "member.joined " + bob.name(),
				"room.created " + owner.name());
		JsonNode left = events.getFirst();
		assertThat(left.path("room").asString()).isEqualTo(room);
		assertThat(left.path("id").isString()).isTrue();
		assertThat(left.path("node").asString()).endsWith("/0");
		assertThat(left.path("at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(left.has("roomId")).isFalse();

		// paging back with before and limit
		List<JsonNode> first = events(owner, room, "?limit=2");
		assertThat(summary(first)).containsExactly("member.left " + bob.name(), "member.joined " + bob.name());
		List<JsonNode> rest = events(owner, room, "?limit=2&before=" + first.getLast().path("id").asString());
		assertThat(summary(rest)).containsExactly("room.created " + owner.name());
	}

	@Test
	void membershipChangesOfAPrivateRoomAreRecorded() {
		User owner = api.newUser("owner");
		User carol = api.newUser("carol");
		String room = api.createRoom(owner, Names.unique("members-log"), "private");
		assertThat(api.post("/api/rooms/" + room + "/members", owner.token(), map("user", carol.name())).status())
			.isBetween(200, 201);
		assertThat(api.delete("/api/rooms/" + room + "/members/" + carol.name(), owner.token()).status()).isBetween(200,
				204);
		await().atMost(Duration.ofSeconds(15)).until(() -> events(owner, room, "").size() >= 3);
		assertThat(summary(events(owner, room, ""))).containsExactly("member.removed " + carol.name(),
				"member.added " + carol.name(), "room.created " + owner.name());
	}

	@Test
	void onlyTheOwnerReadsTheLog() {
		User owner = api.newUser("owner");
		User other = api.newUser("other");
		String room = api.createRoom(owner, Names.unique("private-log"));
		assertThat(api.get("/api/rooms/" + room + "/audit", other.token()).status()).isEqualTo(403);
		assertThat(api.get("/api/rooms/" + room + "/audit", other.token()).error()).isEqualTo("forbidden");
		assertThat(api.get("/api/rooms/no-such-room-" + Names.unique("x") + "/audit", owner.token()).status())
			.isEqualTo(404);
		assertThat(api.get("/api/rooms/" + room + "/audit", null).status()).isEqualTo(401);
		assertThat(api.get("/api/rooms/" + room + "/audit?limit=0", owner.token()).error()).isEqualTo("bad_request");
		assertThat(api.get("/api/rooms/" + room + "/audit?limit=201", owner.token()).status()).isEqualTo(400);
		assertThat(api.get("/api/rooms/" + room + "/audit?before=abc", owner.token()).status()).isEqualTo(400);
	}

	@Test
	void theOwnersRoomPageLinksToTheAuditPage() {
		User owner = api.newUser("owner");
		User other = api.newUser("other");
		String room = api.createRoom(owner, Names.unique("paged-log"));
		await().atMost(Duration.ofSeconds(15)).until(() -> !events(owner, room, "").isEmpty());

		BrowserSession browser = BrowserSession.login(api, owner.name(), Api.PASSWORD);
		String roomPage = page(browser, "/rooms/" + room, 200);
		assertThat(roomPage).contains("href=\"/rooms/" + room + "/audit\"");
		String auditPage = page(browser, "/rooms/" + room + "/audit", 200);
		assertThat(auditPage).contains("data-testid=\"audit-events\"")
			.contains("room.created")
			.contains(owner.name())
			.doesNotContain("<script>")
			.doesNotContain("style=");

		BrowserSession stranger = BrowserSession.login(api, other.name(), Api.PASSWORD);
		assertThat(page(stranger, "/rooms/" + room, 200)).doesNotContain("/audit\"");
		page(stranger, "/rooms/" + room + "/audit", 403);
	}

	private String page(BrowserSession browser, String path, int status) {
		Api.Response response = api.send(api.request(path, null).header("Cookie", browser.cookie()).build());
		assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(status);
		return response.body();
	}

}
