package io.chatspace.realtime;

import java.security.Principal;

import io.chatspace.accounts.HandshakeAuthentication;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.UrlEncoded;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;

import org.springframework.web.socket.WebSocketHandler;

/**
 * Upgrades a WebSocket handshake authenticated by a bearer token in Jetty's core, before
 * the servlet context is entered at all: without the servlet layers (session and security
 * handlers, the filter chain) and the servlet views of the request and response that
 * Jetty builds for an upgrade inside a servlet, a socket's handshake and open took
 * 0.82–1.04 ms of server CPU in a reconnect storm, against 1.09–1.14 ms through
 * {@link DirectHandshake} (docs/performance.md, "Results, 2026-12-06").
 * <p>
 * It takes only what it can accept: an RFC 6455 (§4.2.1) opening handshake on {@code /ws}
 * (under the servlet context path) carrying a token, in the {@code Authorization} header
 * or the {@code access_token} query parameter (RFC 6750), that
 * {@link HandshakeAuthentication} finds valid. A token needs no origin check (it is no
 * ambient credential, docs/protocol.md). Everything else, including a handshake with a
 * session cookie and every request with a bad token, goes on to the servlet context
 * unchanged, where {@link DirectHandshake} and the security chain answer it as before.
 * The socket it opens is the same as theirs: the same principal, the same upgrade
 * ({@link JettyUpgrade}) and the same decorated handler.
 */
final class TokenHandshake extends Handler.Wrapper {

	private final String path;

	private final HandshakeAuthentication authentication;

	private final JettyUpgrade upgrade;

	private final WebSocketMappings mappings;

	private final WebSocketHandler handler;

	/**
	 * @param next the server's handler (the servlet context)
	 * @param contextPath the servlet context path ({@code ""} for the root)
	 * @param mappings Jetty's WebSocket mappings for the server
	 * @param handler the gateway's handler, already decorated
	 */
	TokenHandshake(Handler next, String contextPath, HandshakeAuthentication authentication, JettyUpgrade upgrade,
			WebSocketMappings mappings, WebSocketHandler handler) {
		super(next);
		this.path = contextPath + "/ws";
		this.authentication = authentication;
		this.upgrade = upgrade;
		this.mappings = mappings;
		this.handler = handler;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		String token = isUpgrade(request) ? token(request) : null;
		Principal user = token == null ? null : authentication.authenticateToken(token).orElse(null);
		if (user != null && upgrade.upgradeInCore(mappings, request, response, callback, user, handler)) {
			return true;
		}
		return super.handle(request, response, callback);
	}

	/**
	 * The request line and headers of an RFC 6455 (§4.2.1) opening handshake on the path.
	 */
	boolean isUpgrade(Request request) {
		if (!HttpMethod.GET.is(request.getMethod()) || !path.equals(request.getHttpURI().getPath())) {
			return false;
		}
		var headers = request.getHeaders();
		return headers.contains(HttpHeader.UPGRADE, "websocket") && headers.contains(HttpHeader.CONNECTION, "upgrade")
				&& "13".equals(headers.get(HttpHeader.SEC_WEBSOCKET_VERSION))
				&& headers.get(HttpHeader.SEC_WEBSOCKET_KEY) != null;
	}

	/**
	 * @return the bearer token, as {@code BearerTokenFilter} reads it, or null
	 */
	static String token(Request request) {
		String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		String query = request.getHttpURI().getQuery();
		if (query == null) {
			return null;
		}
		try {
			// as a servlet's getParameter decodes it
			return UrlEncoded.decodeQuery(query).getValue("access_token", 0);
		}
		catch (IllegalArgumentException ex) {
			return null; // malformed: the servlet context answers it
		}
	}

}
