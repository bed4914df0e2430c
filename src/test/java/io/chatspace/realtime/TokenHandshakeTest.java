package io.chatspace.realtime;

import java.util.Optional;

import io.chatspace.accounts.HandshakeAuthentication;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Which handshakes {@link TokenHandshake} upgrades in Jetty's core and which it hands on
 * to the servlet context (unit test: the authentication, Jetty's upgrade and the next
 * handler are stand-ins; HandshakeTest and the gateway tests cover the whole path on a
 * real server).
 */
class TokenHandshakeTest {

	private final HandshakeAuthentication authentication = mock(HandshakeAuthentication.class);

	private final JettyUpgrade upgrade = mock(JettyUpgrade.class);

	private final WebSocketMappings mappings = new WebSocketMappings();

	private final Handler next = mock(Handler.class);

	private final WebSocketHandler handler = mock(WebSocketHandler.class);

	private final TokenHandshake tokens = new TokenHandshake(next, "", authentication, upgrade, mappings, handler);

	private final Authentication olga = UsernamePasswordAuthenticationToken.authenticated("olga", null, null);

	private final Response response = mock(Response.class);

	private final Callback callback = mock(Callback.class);

	@Test
	void aValidTokenInTheHeaderIsUpgradedWithoutTheServletContext() throws Exception {
		Request request = handshake("/ws", handshakeHeaders().add("Authorization", "Bearer t0ken"));
		when(authentication.authenticateToken("t0ken")).thenReturn(Optional.of(olga));
		when(upgrade.upgradeInCore(mappings, request, response, callback, olga, handler)).thenReturn(true);

		assertThat(tokens.handle(request, response, callback)).isTrue();

		verify(next, never()).handle(any(), any(), any());
	}

	@Test
	void aValidTokenInTheQueryIsUpgradedToo() throws Exception {
		Request request = handshake("/ws?access_token=t%30ken", handshakeHeaders());
		when(authentication.authenticateToken("t0ken")).thenReturn(Optional.of(olga));
		when(upgrade.upgradeInCore(mappings, request, response, callback, olga, handler)).thenReturn(true);

		assertThat(tokens.handle(request, response, callback)).isTrue();

		verify(next, never()).handle(any(), any(), any());
	}

	@Test
	void aTokenTheAuthenticationRefusesGoesOnToTheServletContext() throws Exception {
		Request request = handshake("/ws", handshakeHeaders().add("Authorization", "Bearer stale"));
		when(authentication.authenticateToken("stale")).thenReturn(Optional.empty());

		tokens.handle(request, response, callback);

		verify(next).handle(request, response, callback);
		verify(upgrade, never()).upgradeInCore(any(WebSocketMappings.class), any(), any(), any(), any(), any());
	}

	@Test
	void aHandshakeWithoutATokenGoesOnUnasked() throws Exception {
		Request request = handshake("/ws", handshakeHeaders().add("Cookie", "JSESSIONID=abc"));

		tokens.handle(request, response, callback);

		verify(next).handle(request, response, callback);
		verify(authentication, never()).authenticateToken(anyString());
	}

	@Test
	void onlyAnOpeningHandshakeOnTheGatewaysPathIsTaken() throws Exception {
		when(authentication.authenticateToken("t0ken")).thenReturn(Optional.of(olga));
		Request otherPath = handshake("/api/ws", handshakeHeaders().add("Authorization", "Bearer t0ken"));
		Request plainGet = handshake("/ws", HttpFields.build().add("Authorization", "Bearer t0ken"));
		Request oldVersion = handshake("/ws",
				HttpFields.build()
					.add("Upgrade", "websocket")
					.add("Connection", "Upgrade")
					.add("Sec-WebSocket-Version", "8")
					.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
					.add("Authorization", "Bearer t0ken"));

		for (Request request : new Request[] { otherPath, plainGet, oldVersion }) {
			tokens.handle(request, response, callback);
			verify(next).handle(eq(request), any(), any());
		}
		verify(upgrade, never()).upgradeInCore(any(WebSocketMappings.class), any(), any(), any(), any(), any());
	}

	@Test
	void theGatewaysPathIsUnderTheServletContextPath() {
		TokenHandshake underContext = new TokenHandshake(next, "/chat", authentication, upgrade, mappings, handler);

		assertThat(underContext.isUpgrade(handshake("/chat/ws", handshakeHeaders()))).isTrue();
		assertThat(underContext.isUpgrade(handshake("/ws", handshakeHeaders()))).isFalse();
	}

	private static HttpFields.Mutable handshakeHeaders() {
		// a browser's Connection header may list more than one token
		return HttpFields.build()
			.add("Upgrade", "websocket")
			.add("Connection", "keep-alive, Upgrade")
			.add("Sec-WebSocket-Version", "13")
			.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
	}

	private static Request handshake(String pathAndQuery, HttpFields.Mutable headers) {
		Request request = mock(Request.class);
		when(request.getMethod()).thenReturn("GET");
		when(request.getHttpURI()).thenReturn(HttpURI.from("http://localhost:8080" + pathAndQuery));
		when(request.getHeaders()).thenReturn(headers.asImmutable());
		return request;
	}

}
