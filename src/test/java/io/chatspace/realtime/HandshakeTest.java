package io.chatspace.realtime;

import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.chatspace.support.Api;
import io.chatspace.support.Api.User;
import io.chatspace.support.BrowserSession;
import io.chatspace.support.ChatClient;
import io.chatspace.support.Names;
import io.chatspace.support.RawWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Authentication of the WebSocket handshake: no or bad credentials are refused with
 * {@code 401} before any upgrade, a bearer token works in the header or as
 * {@code ?access_token=}, and a cookie-authenticated handshake must come from the
 * server's own origin (no cross-site WebSocket hijacking). An authenticated handshake is
 * upgraded before the web stack ({@code DirectHandshake}); everything else is answered by
 * the security chain and the handshake handler, with the same codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandshakeTest {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void aHandshakeWithoutCredentialsIsRefusedWith401AndNotUpgraded() throws IOException {
		try (RawWebSocket raw = RawWebSocket.open(port, "/ws", Map.of(), 0)) {
			assertThat(raw.status()).isEqualTo(401);
			assertThat(raw.header("upgrade")).isNull();
			assertThat(raw.header("sec-websocket-accept")).isNull();
			JsonNode body = Api.response(raw.body());
			assertThat(body.path("error").asString()).isEqualTo("unauthorized");
			assertThat(body.path("message").asString()).isNotBlank();
		}
		assertThat(handshakeStatus(Map.of())).isEqualTo(401);
	}

	@Test
	void aHandshakeWithABadTokenIsRefusedWith401() throws IOException {
		assertThat(handshakeStatus(Map.of("Authorization", "Bearer not-a-real-token"))).isEqualTo(401);
		try (RawWebSocket raw = RawWebSocket.open(port, "/ws?access_token=forged", Map.of(), 0)) {
			assertThat(raw.status()).isEqualTo(401);
			assertThat(raw.header("sec-websocket-accept")).isNull();
			assertThat(Api.response(raw.body()).path("error").asString()).isEqualTo("unauthorized");
		}
		try (RawWebSocket raw = RawWebSocket.open(port, "/ws?access_token=", Map.of(), 0)) {
			assertThat(raw.status()).isEqualTo(401);
		}
	}

	@Test
	void noExtensionIsNegotiatedEvenWhenTheClientOffersPermessageDeflate() throws IOException {
		User olga = api.newUser("olga");
		String room = api.createRoom(olga, Names.unique("plain"));
		// what browsers offer: compression would cost a zlib state and an encoding per
		// socket, against one encoding of each event for every socket
		try (RawWebSocket raw = RawWebSocket.open(port, "/ws", Map.of("Authorization", "Bearer " + olga.token(),
				"Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"), 0)) {
			assertThat(raw.status()).isEqualTo(101);
			assertThat(raw.header("sec-websocket-extensions")).isNull();
			raw.sendText("{\"type\":\"join\",\"room\":\"" + room + "\",\"ref\":\"j1\"}");
			RawWebSocket.Frame joined = raw.readFrame();
			// a plain text frame: a compressed payload would not read as the JSON
			assertThat(joined.opcode()).isEqualTo(1);
			assertThat(joined.text()).contains("\"type\":\"joined\"").contains(room);
		}
	}

	@Test
	void aBearerTokenInTheHeaderOrTheQueryAuthenticatesTheSocket() {
		User nina = api.newUser("nina");
		String room = api.createRoom(nina, Names.unique("tokens"));
		try (ChatClient header = api.connect(nina); ChatClient query = api.connectWithQueryToken(nina)) {
			header.join(room);
			JsonNode joined = query.join(room);
			assertThat(joined.path("online").toString()).contains(nina.name());
			String id = query.post(room, "via access_token");
			JsonNode seen = header.await("message", f -> f.path("message").path("id").asString().equals(id));
			assertThat(seen.path("message").path("author").asString()).isEqualTo(nina.name());
		}
	}

	@Test
	void aCookieAuthenticatedHandshakeMustComeFromTheServersOwnOrigin() throws IOException {
		User olga = api.newUser("olga");
		BrowserSession browser = BrowserSession.login(api, olga.name(), Api.PASSWORD);
		String sameOrigin = "http://localhost:" + port;

		try (RawWebSocket forged = RawWebSocket.open(port, "/ws",
				Map.of("Cookie", browser.cookie(), "Origin", "http://evil.example"), 0)) {
			assertThat(forged.status()).isEqualTo(403);
			assertThat(forged.header("sec-websocket-accept")).isNull();
		}
		// a look-alike of the server's origin on another port is foreign too
		try (RawWebSocket otherPort = RawWebSocket.open(port, "/ws",
				Map.of("Cookie", browser.cookie(), "Origin", "http://localhost:" + (port + 1)), 0)) {
			assertThat(otherPort.status()).isEqualTo(403);
		}
		// a cookie without any Origin is not a browser page of ours either
		try (RawWebSocket noOrigin = RawWebSocket.open(port, "/ws", Map.of("Cookie", browser.cookie()), 0)) {
			assertThat(noOrigin.status()).isEqualTo(403);
		}
		try (RawWebSocket ours = RawWebSocket.open(port, "/ws",
				Map.of("Cookie", browser.cookie(), "Origin", sameOrigin), 0)) {
			assertThat(ours.status()).isEqualTo(101);
			assertThat(ours.header("sec-websocket-accept")).isNotBlank();
		}
		// and the socket it opens is the logged-in user's
		String room = api.createRoom(olga, Names.unique("cookies"));
		try (ChatClient c = ChatClient.connect(api.ws(), Map.of("Cookie", browser.cookie(), "Origin", sameOrigin))) {
			c.join(room);
			String id = c.post(room, "from the browser");
			assertThat(api.history(olga, room, "")).singleElement().satisfies(m -> {
				assertThat(m.path("id").asString()).isEqualTo(id);
				assertThat(m.path("author").asString()).isEqualTo(olga.name());
			});
		}
		// a token-authenticated handshake carries no ambient credentials: any origin may
		// use it
		try (RawWebSocket bot = RawWebSocket.open(port, "/ws",
				Map.of("Authorization", "Bearer " + olga.token(), "Origin", "http://evil.example"), 0)) {
			assertThat(bot.status()).isEqualTo(101);
		}
	}

	@Test
	void aSessionLoggedOutOpensNoSocket() throws IOException {
		User olga = api.newUser("olga");
		BrowserSession browser = BrowserSession.login(api, olga.name(), Api.PASSWORD);
		String sameOrigin = "http://localhost:" + port;
		browser.logout(api);
		try (RawWebSocket stale = RawWebSocket.open(port, "/ws",
				Map.of("Cookie", browser.cookie(), "Origin", sameOrigin), 0)) {
			assertThat(stale.status()).isEqualTo(401);
			assertThat(stale.header("sec-websocket-accept")).isNull();
			assertThat(Api.response(stale.body()).path("error").asString()).isEqualTo("unauthorized");
		}
	}

	@Test
	void aPlainRequestForTheSocketPathIsNotUpgradedEvenWithAValidToken() {
		User nina = api.newUser("nina");
		Api.Response plain = api.get("/ws", nina.token());
		assertThat(plain.status()).isEqualTo(400);
		assertThat(plain.headers().firstValue("Upgrade")).isEmpty();
	}

	private int handshakeStatus(Map<String, String> headers) {
		Throwable failure = catchThrowable(() -> ChatClient.connect(api.ws(), headers).close());
		assertThat(failure).as("the handshake was accepted").isInstanceOf(CompletionException.class);
		assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
	}

}
