package io.chatspace.realtime;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.accounts.HandshakeAuthentication;
import org.junit.jupiter.api.Test;

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
 * security chain (unit test: the authentication, the origin rule and Jetty's upgrade are
 * stand-ins; HandshakeTest covers the whole path on a real server).
 */
class DirectHandshakeTest {

	private final HandshakeAuthentication authentication = mock(HandshakeAuthentication.class);

	private final OriginCheck origins = mock(OriginCheck.class);

	private final JettyUpgrade jetty = mock(JettyUpgrade.class);

	private final FilterChain chain = mock(FilterChain.class);

	private final DirectHandshake filter = new DirectHandshake(authentication, origins, jetty,
			mock(WebSocketHandler.class));

	private final Authentication olga = UsernamePasswordAuthenticationToken.authenticated("olga", null, null);

	@Test
	void anAuthenticatedTokenHandshakeIsUpgradedWithoutTheChain() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Authorization", "Bearer t0ken"));
		given(request, true, Optional.of(olga), true);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verify(jetty).upgrade(eq(request), any(), isNull(), eq(olga), any(), any());
		verify(chain, never()).doFilter(any(), any());
	}

	@Test
	void aHandshakeWithoutAnAuthenticationGoesDownTheChain() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Authorization", "Bearer forged"));
		given(request, true, Optional.empty(), false);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verifyHandedOn(request);
	}

	@Test
	void aSessionHandshakeFromAForeignOriginGoesDownTheChain() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Origin", "http://evil.example"));
		given(request, false, Optional.of(olga), true);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verifyHandedOn(request);
	}

	@Test
	void aSessionHandshakeFromTheServersOriginIsUpgraded() throws Exception {
		MockHttpServletRequest request = handshake(Map.of("Origin", "http://localhost"));
		given(request, true, Optional.of(olga), true);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

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
		given(request, true, Optional.of(olga), false);

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		verify(chain).doFilter(eq(request), any());
	}

	/**
	 * @param originAllowed what the origin rule says
	 * @param user what the authentication says
	 * @param upgraded what Jetty's upgrade says
	 */
	private void given(HttpServletRequest request, boolean originAllowed, Optional<Authentication> user,
			boolean upgraded) throws Exception {
		when(origins.allows(request)).thenReturn(originAllowed);
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
