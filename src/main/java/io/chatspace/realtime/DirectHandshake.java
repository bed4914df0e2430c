package io.chatspace.realtime;

import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.accounts.HandshakeAuthentication;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;
import org.springframework.web.socket.handler.LoggingWebSocketHandlerDecorator;

/**
 * Upgrades an authenticated WebSocket handshake on {@code /ws} as soon as the request
 * arrives, before the rest of the web stack: a reconnect storm is thousands of handshakes
 * at once, and Spring's filters, security chain, dispatcher and handshake handler were
 * most of each one's server CPU (docs/performance.md, "Results, 2026-12-04").
 * <p>
 * Only a handshake it can accept takes this path: a well-formed RFC 6455 upgrade
 * ({@code GET}, {@code Upgrade: websocket}, {@code Sec-WebSocket-Version: 13}, a key)
 * that {@link HandshakeAuthentication} authenticates (a valid bearer token, or a
 * logged-in session cookie from an origin {@link OriginCheck} allows). Every other
 * request goes on down the chain unchanged, where Spring Security and the handshake
 * handler answer it as before ({@code 401}, {@code 403}, {@code 503} or {@code 400},
 * docs/protocol.md): this filter never refuses anything itself. A socket it opens is the
 * same as one opened by the handshake handler: the same principal, the same upgrade
 * ({@link JettyUpgrade}), the same handler behind Spring's exception and logging
 * decorators.
 */
class DirectHandshake extends HttpFilter {

	private final HandshakeAuthentication authentication;

	private final OriginCheck origins;

	private final JettyUpgrade jetty;

	private final WebSocketHandler handler;

	DirectHandshake(HandshakeAuthentication authentication, OriginCheck origins, JettyUpgrade jetty,
			WebSocketHandler handler) {
		this.authentication = authentication;
		this.origins = origins;
		this.jetty = jetty;
		this.handler = decorated(handler);
	}

	/**
	 * @param handler the gateway's handler
	 * @return it in what Spring's {@code WebSocketHttpRequestHandler} wraps a handler in
	 * (exceptions close the socket with 1011 and are logged)
	 */
	static WebSocketHandler decorated(WebSocketHandler handler) {
		return new ExceptionWebSocketHandlerDecorator(new LoggingWebSocketHandlerDecorator(handler));
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		// the origin first: it needs no look-up
		Principal user = isUpgrade(request) && origins.allows(request)
				? authentication.authenticate(request).orElse(null) : null;
		if (user != null && jetty.upgrade(request, response, null, user, handler, new HashMap<>())) {
			return;
		}
		if (!response.isCommitted()) {
			chain.doFilter(request, response);
		}
	}

	/** The request line and headers of an RFC 6455 (§4.2.1) opening handshake. */
	static boolean isUpgrade(HttpServletRequest request) {
		String connection = request.getHeader("Connection");
		return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
				&& connection != null
				&& Arrays.stream(connection.split(",")).anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"))
				&& "13".equals(request.getHeader("Sec-WebSocket-Version"))
				&& request.getHeader("Sec-WebSocket-Key") != null;
	}

}
