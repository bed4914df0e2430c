package io.chatspace;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chatspace.support.Api;
import io.chatspace.support.Api.Response;
import io.chatspace.support.Api.User;
import io.chatspace.support.BrowserSession;
import io.chatspace.support.Names;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.chatspace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint and error status of the HTTP API ({@code docs/protocol.md}) over a real
 * port. Every response of every test is checked: an error body is
 * {@code {"error","message"}}, and no body ever carries a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpApiTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		api.inspectEveryResponse(HttpApiTest::wellFormed);
	}

	// POST /api/accounts

	@Test
	void registeringCreatesAnAccount() {
		String name = Names.unique("Quinn");
		Response created = api.register(name, "a good password");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("username").asString()).isEqualTo(name);
		assertThat(created.body()).doesNotContain("password");
		assertThat(api.token(name, "a good password").status()).isEqualTo(200);
	}

	@Test
	void registeringWithAnInvalidNameOrPasswordIs400() {
		String ok = "long enough";
		for (Object[] invalid : new Object[][] { { "ab", ok }, { "x".repeat(33), ok }, { "bad name", ok },
				{ "bad/name", ok }, { "émile", ok }, { "", ok }, { null, ok }, { Names.unique("shortpw"), "1234567" },
				{ Names.unique("longpw"), "p".repeat(129) }, { Names.unique("nopw"), null } }) {
			Response response = api.post("/api/accounts", null, map("username", invalid[0], "password", invalid[1]));
			assertThat(response.status()).as("register %s / %s", invalid[0], invalid[1]).isEqualTo(400);
			assertThat(response.error()).isEqualTo("bad_request");
		}
		// the limits themselves are valid
		String longest = (Names.unique("L").replace("-", "_") + "x".repeat(32)).substring(0, 32);
		assertThat(api.register(longest, "p".repeat(128)).status()).isEqualTo(201);
		String shortest = "s"
				+ Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36, 36 * 36 * 36), 36)
					.substring(1);
		assertThat(api.register(shortest, "12345678").status()).isEqualTo(201);
		// not JSON, or no body at all
		assertThat(api.post("/api/accounts", null, "{\"username\":").status()).isEqualTo(400);
		assertThat(api.post("/api/accounts", null, "").status()).isEqualTo(400);
		assertThat(api.post("/api/accounts", null, "[]").status()).isEqualTo(400);
	}

	@Test
	void aTakenNameIs409CaseInsensitively() {
		String name = Names.unique("Rosa");
		assertThat(api.register(name, "a good password").status()).isEqualTo(201);
		for (String same : List.of(name, name.toUpperCase(), name.toLowerCase())) {
			Response taken = api.register(same, "another password");
			assertThat(taken.status()).as("register %s", same).isEqualTo(409);
			assertThat(taken.error()).isEqualTo("conflict");
		}
		// the first owner's password still holds
		assertThat(api.token(name, "another password").status()).isEqualTo(401);
		assertThat(api.token(name.toLowerCase(), "a good password").status()).isEqualTo(200);
	}

	@Test
	void passwordsOfUpTo128CharactersWorkInFull() {
		// 128 characters, 256 bytes of UTF-8: far beyond bcrypt's 72 bytes
		String longPassword = "ж".repeat(100) + "x".repeat(28);
		String name = Names.unique("Vic");
		assertThat(api.register(name, longPassword).status()).isEqualTo(201);
		assertThat(api.token(name, longPassword).status()).isEqualTo(200);
		// every character counts, not only the first 72 bytes
		assertThat(api.token(name, "ж".repeat(100) + "x".repeat(27) + "y").status()).isEqualTo(401);
		assertThat(BrowserSession.login(api, name, longPassword).cookie()).isNotBlank();
	}

	// POST /api/auth/token

	@Test
	void aTokenIsIssuedForTheRightPasswordAndWorksAsBearer() {
		String name = Names.unique("Sam");
		api.register(name, "a good password");
		Response issued = api.token(name.toUpperCase(), "a good password");
		assertThat(issued.status()).isEqualTo(200);
		String token = issued.json().path("token").asString();
		assertThat(token).hasSizeGreaterThanOrEqualTo(32);
		Instant expiresAt = Instant.parse(issued.json().path("expiresAt").asString());
		assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofDays(1)));
		assertThat(api.get("/api/rooms", token).status()).isEqualTo(200);
		// each call issues another token; both work
		String second = api.token(name, "a good password").json().path("token").asString();
		assertThat(second).isNotEqualTo(token);
		assertThat(api.get("/api/rooms", second).status()).isEqualTo(200);
	}

	@Test
	void aWrongPasswordOrUnknownUserIs401() {
		String name = Names.unique("Tess");
		api.register(name, "a good password");
		Response wrong = api.token(name, "a bad password");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.error()).isEqualTo("unauthorized");
		assertThat(wrong.json().has("token")).isFalse();
		Response unknown = api.token(Names.unique("nobody"), "a good password");
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.error()).isEqualTo("unauthorized");
		assertThat(unknown.json().path("message").asString()).isEqualTo(wrong.json().path("message").asString());
		assertThat(api.post("/api/auth/token", null, "not json").status()).isEqualTo(400);
	}

	@Test
	void repeatedFailuresForOneUserAre429EvenWithTheRightPassword() {
		String name = Names.unique("Uma");
		api.register(name, "a good password");
		User other = api.newUser("other");
		for (int i = 0; i < 5; i++) {
			assertThat(api.token(name, "guess " + i).status()).as("attempt %d", i + 1).isEqualTo(401);
		}
		Response throttled = api.token(name, "guess 6");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.error()).isEqualTo("rate_limited");
		// throttled by name, whatever its case, and the right password does not get
		// through either
		assertThat(api.token(name.toLowerCase(), "a good password").status()).isEqualTo(429);
		// other users are not affected
		assertThat(api.token(other.name(), Api.PASSWORD).status()).isEqualTo(200);
	}

	// GET /api/rooms, POST /api/rooms

	@Test
	void roomsAreListedForTheirViewers() {
		User owner = api.newUser("vera");
		User outsider = api.newUser("walt");
		String publicName = Names.unique("Open Plaza");
		String privateName = Names.unique("Back Office");
		String open = api.createRoom(owner, publicName);
		String closed = api.createRoom(owner, privateName, "private");

		Response mine = api.get("/api/rooms", owner.token());
		assertThat(mine.status()).isEqualTo(200);
		JsonNode listed = room(mine, open);
		assertThat(listed.path("name").asString()).isEqualTo(publicName);
		assertThat(listed.path("kind").asString()).isEqualTo("public");
		assertThat(listed.has("id")).isFalse();
		assertThat(listed.has("ownerId")).isFalse();
		assertThat(room(mine, closed).path("kind").asString()).isEqualTo("private");

		Response theirs = api.get("/api/rooms", outsider.token());
		assertThat(theirs.status()).isEqualTo(200);
		assertThat(slugs(theirs)).contains(open);
		assertThat(slugs(theirs)).doesNotContain(closed);

		Response anonymous = api.get("/api/rooms", null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.error()).isEqualTo("unauthorized");
	}

	@Test
	void creatingARoomDerivesItsSlug() {
		User owner = api.newUser("xena");
		String name = Names.unique("Café Talk!");
		Response created = api.post("/api/rooms", owner.token(), map("name", "  " + name + "  "));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("name").asString()).isEqualTo(name);
		assertThat(created.json().path("kind").asString()).isEqualTo("public");
		String slug = created.json().path("slug").asString();
		assertThat(slug).matches("[a-z0-9-]+").startsWith("cafe-talk-");
		assertThat(created.json().has("id")).isFalse();

		Response privately = api.post("/api/rooms", owner.token(),
				map("name", Names.unique("Hidden"), "kind", "private"));
		assertThat(privately.status()).isEqualTo(201);
		assertThat(privately.json().path("kind").asString()).isEqualTo("private");
	}

	@Test
	void invalidRoomsAre400AndAnonymousOnes401() {
		User owner = api.newUser("yara");
		for (Object name : new Object[] { "", "   ", "x".repeat(65), "line\nbreak", null, Map.of("a", 1) }) {
			Response response = api.post("/api/rooms", owner.token(), map("name", name));
			assertThat(response.status()).as("room name %s", name).isEqualTo(400);
			assertThat(response.error()).isEqualTo("bad_request");
		}
		for (String kind : List.of("direct", "secret", "")) {
			Response response = api.post("/api/rooms", owner.token(), map("name", Names.unique("k"), "kind", kind));
			assertThat(response.status()).as("kind %s", kind).isEqualTo(400);
		}
		assertThat(api.post("/api/rooms", owner.token(), "{").status()).isEqualTo(400);
		// 64 characters is allowed
		String longest = (Names.unique("L") + "x".repeat(64)).substring(0, 64);
		assertThat(api.post("/api/rooms", owner.token(), map("name", longest)).status()).isEqualTo(201);
		Response anonymous = api.post("/api/rooms", null, map("name", Names.unique("nobody's")));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.error()).isEqualTo("unauthorized");
		// a stale session cookie is no credential either
		Response stale = api.send(api.request("/api/rooms", null)
			.header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"stale\"}"))
			.build());
		assertThat(stale.status()).isEqualTo(401);
	}

	@Test
	void aRoomWhoseSlugExistsIs409WithTheExistingSlug() {
		User owner = api.newUser("zoe");
		String name = Names.unique("Book Club");
		String slug = api.createRoom(owner, name);
		for (String same : List.of(name, name.toUpperCase(), name.replace(" ", "  ").replace("-", " - "))) {
			Response taken = api.post("/api/rooms", api.newUser("late").token(), map("name", same));
			assertThat(taken.status()).as("create %s", same).isEqualTo(409);
			assertThat(taken.json().path("slug").asString()).isEqualTo(slug);
			assertThat(taken.error()).isEqualTo("conflict");
		}
	}

	// GET /api/rooms/{slug}/messages

	@Test
	void historyIsOldestFirstWithBeforeAfterAndLimit() {
		String room = api.newRoom("archive");
		List<String> ids = new ArrayList<>();
		for (int u = 0; u < 4; u++) {
			User author = api.newUser("writer");
			for (int i = 0; i < 15; i++) {
				ids.add(api.postMessage(author, room, "entry " + ids.size()).path("id").asString());
			}
		}
		User reader = api.newUser("reader");
		assertThat(ids(api.history(reader, room, ""))).as("default: the newest 50")
			.containsExactlyElementsOf(ids.subList(10, 60));
		assertThat(ids(api.history(reader, room, "limit=5"))).containsExactlyElementsOf(ids.subList(55, 60));
		assertThat(ids(api.history(reader, room, "before=" + ids.get(20) + "&limit=5")))
			.containsExactlyElementsOf(ids.subList(15, 20));
		assertThat(ids(api.history(reader, room, "after=" + ids.get(20) + "&limit=5")))
			.containsExactlyElementsOf(ids.subList(21, 26));
		assertThat(ids(api.history(reader, room, "after=" + ids.get(20) + "&before=" + ids.get(24))))
			.containsExactlyElementsOf(ids.subList(21, 24));
		assertThat(ids(api.history(reader, room, "limit=200"))).containsExactlyElementsOf(ids);
		assertThat(api.history(reader, room, "before=" + ids.getFirst())).isEmpty();
		JsonNode message = api.history(reader, room, "limit=1").getFirst();
		assertThat(message.path("id").isString()).as("ids are strings").isTrue();
		assertThat(message.path("room").asString()).isEqualTo(room);
		assertThat(message.path("body").asString()).isEqualTo("entry 59");
		assertThat(message.path("author").asString()).startsWith("writer-");
		assertThat(Instant.parse(message.path("sentAt").asString())).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void historyErrors() {
		User owner = api.newUser("hank");
		User outsider = api.newUser("ida");
		String room = api.createRoom(owner, Names.unique("records"));
		String secret = api.createRoom(owner, Names.unique("vault"), "private");
		api.postMessage(owner, secret, "classified");
		for (String query : List.of("limit=201", "limit=0", "limit=-1", "limit=ten", "before=abc", "after=1.5")) {
			Response bad = api.get("/api/rooms/" + room + "/messages?" + query, owner.token());
			assertThat(bad.status()).as(query).isEqualTo(400);
			assertThat(bad.error()).isEqualTo("bad_request");
		}
		Response anonymous = api.get("/api/rooms/" + room + "/messages", null);
		assertThat(anonymous.status()).isEqualTo(401);
		Response forbidden = api.get("/api/rooms/" + secret + "/messages", outsider.token());
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.error()).isEqualTo("forbidden");
		assertThat(forbidden.body()).doesNotContain("classified");
		Response missing = api.get("/api/rooms/" + Names.unique("nowhere") + "/messages", owner.token());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.error()).isEqualTo("not_found");
		assertThat(api.history(owner, secret, "")).hasSize(1);
	}

	// POST /api/rooms/{slug}/messages

	@Test
	void postingAMessageReturnsIt() {
		User author = api.newUser("jack");
		String room = api.createRoom(author, Names.unique("posts"));
		Response posted = api.post("/api/rooms/" + room + "/messages", author.token(),
				map("body", "  <b>hello</b> & welcome\n"));
		assertThat(posted.status()).isEqualTo(201);
		JsonNode message = posted.json();
		assertThat(message.path("id").asString()).matches("[0-9]+");
		assertThat(message.path("room").asString()).isEqualTo(room);
		assertThat(message.path("author").asString()).isEqualTo(author.name());
		assertThat(message.path("body").asString()).as("stored as sent, trimmed").isEqualTo("<b>hello</b> & welcome");
		assertThat(message.path("sentAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(api.history(author, room, "")).singleElement()
			.satisfies(m -> assertThat(m.path("id").asString()).isEqualTo(message.path("id").asString()));

		// a retried post with the same nonce is the same message, stored once
		Response first = api.post("/api/rooms/" + room + "/messages", author.token(),
				map("body", "once", "nonce", "k1"));
		Response retry = api.post("/api/rooms/" + room + "/messages", author.token(),
				map("body", "once", "nonce", "k1"));
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isIn(200, 201);
		assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
		assertThat(api.history(author, room, "")).hasSize(2);

		// a nonce is the user's, whatever the room: reused elsewhere it still names the
		// original message
		String elsewhere = api.createRoom(author, Names.unique("elsewhere"));
		Response reused = api.post("/api/rooms/" + elsewhere + "/messages", author.token(),
				map("body", "once", "nonce", "k1"));
		assertThat(reused.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
		assertThat(reused.json().path("room").asString()).isEqualTo(room);
		assertThat(api.history(author, elsewhere, "")).isEmpty();
	}

	@Test
	void postingErrors() {
		User author = api.newUser("kate");
		User outsider = api.newUser("liam");
		String room = api.createRoom(author, Names.unique("errors"));
		String secret = api.createRoom(author, Names.unique("private"), "private");
		String path = "/api/rooms/" + room + "/messages";
		for (Object body : new Object[] { map("body", ""), map("body", " \n "), map(), map("body", List.of("hi")),
				map("body", "hi", "nonce", ""), "{\"body\":", "", "[\"hi\"]" }) {
			Response bad = api.post(path, author.token(), body);
			assertThat(bad.status()).as("post %s", body).isEqualTo(400);
			assertThat(bad.error()).isEqualTo("bad_request");
		}
		Response anonymous = api.post(path, null, map("body", "hi"));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.error()).isEqualTo("unauthorized");
		Response forbidden = api.post("/api/rooms/" + secret + "/messages", outsider.token(), map("body", "hi"));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.error()).isEqualTo("forbidden");
		Response missing = api.post("/api/rooms/" + Names.unique("void") + "/messages", author.token(),
				map("body", "hi"));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.error()).isEqualTo("not_found");
		Response long1 = api.post(path, author.token(), map("body", "x".repeat(4001)));
		assertThat(long1.status()).isEqualTo(413);
		assertThat(long1.error()).isEqualTo("too_large");
		assertThat(api.history(author, room, "")).isEmpty();
		assertThat(api.history(author, secret, "")).isEmpty();
	}

	@Test
	void aRequestOver64KiBIs413EvenWithoutAContentLength() {
		User author = api.newUser("mona");
		String room = api.createRoom(author, Names.unique("huge"));
		String path = "/api/rooms/" + room + "/messages";
		// a small body with a large unknown field: only the request's size is wrong
		String huge = "{\"body\":\"hi\",\"padding\":\"" + "p".repeat(70 * 1024) + "\"}";
		Response sized = api.post(path, author.token(), huge);
		assertThat(sized.status()).isEqualTo(413);
		assertThat(sized.error()).isEqualTo("too_large");
		// chunked: no Content-Length to look at
		Response chunked = api.send(api.request(path, author.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
			.build());
		assertThat(chunked.status()).isEqualTo(413);
		assertThat(chunked.error()).isEqualTo("too_large");
		// a small chunked request is fine
		String small = "{\"body\":\"chunked hello\"}";
		Response ok = api.send(api.request(path, author.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8))))
			.build());
		assertThat(ok.status()).isEqualTo(201);
		assertThat(api.history(author, room, "")).extracting(m -> m.path("body").asString())
			.containsExactly("chunked hello");
	}

	@Test
	void moreThan20PostsAtOnceAre429() throws Exception {
		User author = api.newUser("nick");
		String room = api.createRoom(author, Names.unique("burst"));
		List<Future<Response>> responses = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 40; i++) {
				String body = "m" + i;
				responses.add(clients
					.submit(() -> api.post("/api/rooms/" + room + "/messages", author.token(), map("body", body))));
			}
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Response> response : responses) {
			statuses.add(response.get().status());
			if (response.get().status() == 429) {
				assertThat(response.get().error()).isEqualTo("rate_limited");
			}
		}
		assertThat(statuses).containsOnly(201, 429);
		long accepted = statuses.stream().filter(s -> s == 201).count();
		// a burst of 20, and 5 more a second while the 40 arrive
		assertThat(accepted).isBetween(20L, 30L);
		assertThat(api.history(author, room, "limit=200")).hasSize((int) accepted);
	}

	// cookie sessions

	@Test
	void aCookieAuthenticatedPostNeedsTheCsrfToken() {
		User user = api.newUser("opal");
		BrowserSession browser = BrowserSession.login(api, user.name(), Api.PASSWORD);
		String name = Names.unique("Cookie Jar");

		Response withoutToken = api.send(api.request("/api/rooms", null)
			.header("Cookie", browser.cookie())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
			.build());
		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withoutToken.error()).isEqualTo("forbidden");
		assertThat(slugs(api.get("/api/rooms", user.token()))).noneMatch(s -> s.startsWith("cookie-jar"));

		Response withToken = api.send(api.request("/api/rooms", null)
			.header("Cookie", browser.cookie())
			.header("X-CSRF-TOKEN", browser.csrfToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
			.build());
		assertThat(withToken.status()).isEqualTo(201);

		// reading needs no token
		Response list = api.send(api.request("/api/rooms", null).header("Cookie", browser.cookie()).GET().build());
		assertThat(list.status()).isEqualTo(200);
		assertThat(slugs(list)).contains(withToken.json().path("slug").asString());
	}

	@Test
	void unknownApiPathsAndMethodsAnswerWithTheErrorFormat() {
		User user = api.newUser("pia");
		Response nowhere = api.get("/api/nothing-here", user.token());
		assertThat(nowhere.status()).isEqualTo(404);
		assertThat(nowhere.error()).isEqualTo("not_found");
		Response method = api.send(api.request("/api/rooms", user.token()).DELETE().build());
		assertThat(method.status()).isEqualTo(405);
		assertThat(method.json()).isNotNull();
		Response badToken = api.get("/api/rooms", "not-a-token");
		assertThat(badToken.status()).isEqualTo(401);
		assertThat(badToken.error()).isEqualTo("unauthorized");
	}

	/**
	 * Every response: an API error has {"error","message"} as JSON; nothing has a stack
	 * trace.
	 */
	static void wellFormed(Response response) {
		assertThat(response.body()).as("the body from %s", response.uri())
			.doesNotContain("at io.")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		if (response.status() >= 400 && response.uri().getPath().startsWith("/api/")) {
			assertThat(response.json()).as("the error body of a %d: %s", response.status(), response.body())
				.isNotNull();
			assertThat(response.json().path("error").isString()).as("error in %s", response.body()).isTrue();
			assertThat(response.json().path("error").asString()).matches("[a-z_]+");
			assertThat(response.json().path("message").isString()).as("message in %s", response.body()).isTrue();
		}
	}

	private static JsonNode room(Response list, String slug) {
		for (JsonNode room : list.json().values()) {
			if (slug.equals(room.path("slug").asString())) {
				return room;
			}
		}
		throw new AssertionError("no room " + slug + " in " + list.body());
	}

	private static List<String> slugs(Response list) {
		return list.json().values().stream().map(r -> r.path("slug").asString()).toList();
	}

	private static List<String> ids(List<JsonNode> messages) {
		return messages.stream().map(m -> m.path("id").asString()).toList();
	}

}
