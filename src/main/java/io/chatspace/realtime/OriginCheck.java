package io.chatspace.realtime;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.chatspace.accounts.HandshakeAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses cross-site WebSocket hijacking: a handshake authenticated by the session cookie
 * must come from a page of this server (its {@code Origin} equals the request's own
 * scheme, host and port) or of a configured origin, else {@code 403}. A handshake
 * authenticated by a bearer token carries no ambient credentials and may come from
 * anywhere.
 */
class OriginCheck implements HandshakeInterceptor {

	private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);

	private final RealtimeProperties properties;

	OriginCheck(RealtimeProperties properties) {
		this.properties = properties;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (allows(((ServletServerHttpRequest) request).getServletRequest())) {
			return true;
		}
		log.info("refused a cookie-authenticated WebSocket handshake from origin {}", request.getHeaders().getOrigin());
		response.setStatusCode(HttpStatus.FORBIDDEN);
		return false;
	}

	/**
	 * The rule itself, for the handshake handler and {@link DirectHandshake} alike.
	 * @param request a WebSocket handshake
	 * @return whether it may be upgraded as far as its origin goes: it carries a bearer
	 * token, or its {@code Origin} (RFC 6454) is this server's own or a configured one
	 */
	boolean allows(HttpServletRequest request) {
		if (HandshakeAuthentication.carriesToken(request)) {
			return true;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		return origin != null && (sameOrigin(origin, URI.create(request.getRequestURL().toString()))
				|| properties.allowedOrigins().contains(origin));
	}

	private static boolean sameOrigin(String origin, URI target) {
		try {
			URI o = URI.create(origin);
			return o.getScheme() != null && o.getHost() != null
					&& o.getScheme().equalsIgnoreCase(target.getScheme().replace("ws", "http"))
					&& o.getHost().equalsIgnoreCase(target.getHost()) && port(o) == port(target);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		String scheme = uri.getScheme().toLowerCase();
		return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
