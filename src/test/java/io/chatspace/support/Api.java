package io.chatspace.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API of a server under test, through the JDK's {@link HttpClient}: registers
 * users, gets tokens, creates rooms, posts messages, and opens {@link ChatClient}s. Every
 * call is a real request to the server's port.
 */
public final class Api {

	/** The password of every user made by {@link #newUser(String)}. */
	public static final String PASSWORD = "correct-horse-battery";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private volatile java.util.function.Consumer<Response> inspector = response -> {
	};

	/**
	 * @param port the server's port
	 */
	public Api(int port) {
		this.base = URI.create("http://localhost:" + port);
	}

	/**
	 * @param inspector called with every response this helper receives (e.g. to assert
	 * that no response ever contains a stack trace)
	 */
	public void inspectEveryResponse(java.util.function.Consumer<Response> inspector) {
		this.inspector = inspector;
	}

	/**
	 * @return {@code http://localhost:<port>}
	 */
	public URI base() {
		return base;
	}

	/**
	 * @return {@code ws://localhost:<port>/ws}
	 */
	public URI ws() {
		return URI.create("ws://localhost:" + base.getPort() + "/ws");
	}

	/**
	 * @return the client the helper uses (no cookies, no redirects)
	 */
	public HttpClient http() {
		return http;
	}

	/** An HTTP response: status, raw body, the body parsed as JSON when it is JSON. */
	public record Response(URI uri, int status, String body, JsonNode json, HttpHeaders headers) {

		/**
		 * @return the {@code error} code of an error body, or {@literal null}
		 */
		public String error() {
			return json == null ? null : json.path("error").asString(null);
		}

	}

	/** A registered user and a bearer token of theirs. */
	public record User(String name, String token) {
	}

	// accounts

	public Response register(String username, String password) {
		return post("/api/accounts", null, map("username", username, "password", password));
	}

	public Response token(String username, String password) {
		return post("/api/auth/token", null, map("username", username, "password", password));
	}

	/**
	 * Registers a user with a unique name and gets a token.
	 * @param prefix the name's prefix (at most 20 characters)
	 * @return the user
	 */
	public User newUser(String prefix) {
		String name = Names.unique(prefix);
		Response registered = register(name, PASSWORD);
		assertThat(registered.status()).as("register %s: %s", name, registered.body()).isEqualTo(201);
		Response token = token(name, PASSWORD);
		assertThat(token.status()).as("token for %s: %s", name, token.body()).isEqualTo(200);
		return new User(name, token.json().path("token").asString());
	}

	// rooms and messages

	/**
	 * @return the new public room's slug
	 */
	public String createRoom(User owner, String name) {
		return createRoom(owner, name, "public");
	}

	/**
	 * @return the new room's slug
	 */
	public String createRoom(User owner, String name, String kind) {
		Response created = post("/api/rooms", owner.token(), map("name", name, "kind", kind));
		assertThat(created.status()).as("create room %s: %s", name, created.body()).isEqualTo(201);
		return created.json().path("slug").asString();
	}

	/**
	 * @return a new public room with a unique name, by a new user
	 */
	public String newRoom(String prefix) {
		return createRoom(newUser("owner"), Names.unique(prefix));
	}

	/** Posts a message over HTTP and expects {@code 201}. @return the Message */
	public JsonNode postMessage(User author, String room, String body) {
		Response posted = post("/api/rooms/" + room + "/messages", author.token(), map("body", body));
		assertThat(posted.status()).as("post to %s: %s", room, posted.body()).isEqualTo(201);
		return posted.json();
	}

	/**
	 * @return the messages of one history page over HTTP (oldest first)
	 */
	public List<JsonNode> history(User reader, String room, String query) {
		Response page = get("/api/rooms/" + room + "/messages" + (query.isEmpty() ? "" : "?" + query), reader.token());
		assertThat(page.status()).as("history of %s: %s", room, page.body()).isEqualTo(200);
		return List.copyOf(page.json().path("messages").values());
	}

	/**
	 * Opens (or finds) the direct room of two users and expects {@code 200}.
	 * @return its slug
	 */
	public String openDm(User me, String other) {
		Response opened = post("/api/dms", me.token(), map("user", other));
		assertThat(opened.status()).as("open DM with %s: %s", other, opened.body()).isEqualTo(200);
		return opened.json().path("slug").asString();
	}

	/**
	 * @return the caller's room list ({@code GET /api/rooms}), expecting {@code 200}
	 */
	public List<JsonNode> rooms(User user) {
		Response list = get("/api/rooms", user.token());
		assertThat(list.status()).as("room list of %s: %s", user.name(), list.body()).isEqualTo(200);
		return List.copyOf(list.json().values());
	}

	/**
	 * @return the entry of the room in the caller's room list, or {@literal null}
	 */
	public JsonNode listed(User user, String slug) {
		return rooms(user).stream().filter(r -> slug.equals(r.path("slug").asString())).findFirst().orElse(null);
	}

	public Response addMember(User owner, String room, String user) {
		return post("/api/rooms/" + room + "/members", owner.token(), map("user", user));
	}

	public Response removeMember(User caller, String room, String user) {
		return delete("/api/rooms/" + room + "/members/" + encode(user), caller.token());
	}

	// sockets

	/** Opens a socket authenticated by the user's bearer token. */
	public ChatClient connect(User user) {
		return ChatClient.connect(ws(), Map.of("Authorization", "Bearer " + user.token()));
	}

	/** Opens a socket with {@code ?access_token=}. */
	public ChatClient connectWithQueryToken(User user) {
		return ChatClient.connect(URI.create(ws() + "?access_token=" + encode(user.token())), Map.of());
	}

	// plain requests

	public Response get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	public Response delete(String path, String token) {
		return send(request(path, token).DELETE().build());
	}

	/**
	 * @param body a {@link Map} (sent as JSON), a {@link String} (sent as is) or
	 * {@literal null}
	 */
	public Response post(String path, String token, Object body) {
		String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text))
			.build());
	}

	/**
	 * @return a request builder for the path, with the bearer token when not
	 * {@literal null}
	 */
	public HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	public Response send(HttpRequest request) {
		try {
			Response response = response(http.send(request, HttpResponse.BodyHandlers.ofString()));
			inspector.accept(response);
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the text parsed as JSON (fails the test when it is not JSON)
	 */
	public static JsonNode response(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("not JSON: " + json, ex);
		}
	}

	static Response response(HttpResponse<String> response) {
		JsonNode json = null;
		if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
			try {
				json = JSON.readTree(response.body());
			}
			catch (RuntimeException ex) {
				// not JSON after all: tests look at body()
			}
		}
		return new Response(response.uri(), response.statusCode(), response.body(), json, response.headers());
	}

	public static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
