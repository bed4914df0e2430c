package io.chatspace.realtime;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.accounts.HandshakeAuthentication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Which handshakes {@link DirectHandshake} upgrades itself and which it hands on to the
 * security chain (unit test: the origin rule is the real {@link OriginCheck}; the
 * authentication and Jetty's upgrade are stand-ins; HandshakeTest covers the whole path
 * on a real server).
 */
class DirectHandshakeTest {

	private final HandshakeAuthentication authentication = mock(HandshakeAuthentication.class);

	// the real rule, with the default settings (no other allowed origin)
	private final OriginCheck origins = new OriginCheck(new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("chatspace.realtime", RealtimeProperties.class));

	private final JettyUpgrade jetty = mock(JettyUpgrade.class);

	private final FilterChain chain = mock(FilterChain.class);

	private final DirectHandshake filter = new DirectHandshake(authentication, origins, jetty,
			mock(WebSocketHandler.class));

	private final Authentication olga = UsernamePasswordAuthenticationToken.authenticated("olga", null, null);

	@Test
	void anAuthenticatedTokenHandshakeIsUpgradedWithoutTheChain() throws Exception {
		// a token may come from any origin
		MockHttpServletRequest request = handshake(
				Map.of("Authorization", "Bearer t0ken", "Origin", "http://elsewhere.example"));
		given(request, Optional.of(olga), true);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verify(jetty).upgrade(eq(request), any(), isNull(), eq(olga), any(), any());
		verify(chain, never()).doFilter(any(), any());
	}

	@Test
	void aHandshakeWithoutAnAuthenticationGoesDownTheChain() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Authorization", "Bearer forged"));
		given(request, Optional.empty(), false);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verifyHandedOn(request);
	}

	@Test
	void aSessionHandshakeFromAForeignOriginGoesDownTheChain() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Origin", "http://evil.example"));
		given(request, Optional.of(olga), true);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verifyHandedOn(request);
		// the origin is checked first: a foreign one costs no session look-up
		verify(authentication, never()).authenticate(any());
	}

	@Test
	void aSessionHandshakeFromTheServersOriginIsUpgraded() throws Exception {
		// the mock request's URL is http://localhost/ws
		MockHttpServletRequest request = handshake(Map.of("Origin", "http://localhost"));
		given(request, Optional.of(olga), true);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verify(jetty).upgrade(eq(request), any(), isNull(), eq(olga), any(), any());
		verify(chain, never()).doFilter(any(), any());
	}

	@Test
	void aRequestThatIsNotAnRfc6455HandshakeGoesDownTheChainUnauthenticated() throws Exception {
		MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/ws");
		plain.addHeader("Authorization", "Bearer t0ken");
		MockHttpServletRequest oldVersion = handshake(Map.of("Sec-WebSocket-Version", "8"));
		MockHttpServletRequest post = handshake(Map.of());
		post.setMethod("POST");
		for (MockHttpServletRequest request : new MockHttpServletRequest[] { plain, oldVersion, post }) {
			filter.doFilter(request, new MockHttpServletResponse(), chain);
			verify(chain).doFilter(eq(request), any(HttpServletResponse.class));
		}
		verify(authentication, never()).authenticate(any());
	}

	@Test
	void aHandshakeJettyDoesNotUpgradeGoesDownTheChain() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Authorization", "Bearer t0ken"));
		given(request, Optional.of(olga), false);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verify(chain).doFilter(eq(request), any());
	}

	/**
	 * @param user what the authentication says
	 * @param upgraded what Jetty's upgrade says
	 */
	private void given(HttpServletRequest request, Optional<Authentication> user, boolean upgraded) throws Exception {
		when(authentication.authenticate(request)).thenReturn(user);
		when(jetty.upgrade(eq(request), any(), isNull(), any(), any(), any())).thenReturn(upgraded);
	}

	private void verifyHandedOn(HttpServletRequest request) throws Exception {
		verify(chain).doFilter(eq(request), any());
		verify(jetty, never()).upgrade(any(), any(), any(), any(), any(), any());
	}

	private static MockHttpServletRequest handshake(Map<String, String> headers) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		request.addHeader("Upgrade", "websocket");
		request.addHeader("Connection", "keep-alive, Upgrade");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		if (!headers.containsKey("Sec-WebSocket-Version")) {
			request.addHeader("Sec-WebSocket-Version", "13");
		}
		headers.forEach(request::addHeader);
		return request;
	}

}
