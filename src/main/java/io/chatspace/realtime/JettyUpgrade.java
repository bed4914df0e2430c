package io.chatspace.realtime;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * Upgrades {@code /ws} to a WebSocket (RFC 6455, version 13) on Jetty's WebSocket core,
 * with the gateway's limits: the largest text or binary message and frame
 * ({@code chatspace.realtime.max-frame}, counted in bytes; a larger one closes the socket
 * with 1009) and an idle timeout that only backs up the gateway's heartbeats. The
 * socket's frames go from Jetty's core straight to the handler
 * ({@link JettyFrameAdapter}, with {@link JettyCoreSession} as Spring's session): Jetty's
 * own WebSocket API and Spring's adapter for it (a copy of the upgrade request and
 * response kept per socket, a method-handle call and two wrappers per frame) are not
 * used: without them a socket's handshake and open took a quarter less server CPU in a
 * reconnect storm (1.09–1.14 against 1.32–1.78 ms, docs/performance.md, "Results,
 * 2026-12-06").
 * <p>
 * No extension is negotiated: {@code permessage-deflate} (RFC 7692) would compress every
 * frame once per socket, against the fan-out's one encoding for all sockets, and keep a
 * zlib state per socket (hundreds of KB of native memory each).
 * <p>
 * Jetty keeps no message buffer on an idle socket (it takes one from its pool while a
 * frame is read), which is what lets a node hold tens of thousands of idle sockets
 * (docs/performance.md, "Idle capacity").
 */
final class JettyUpgrade implements RequestUpgradeStrategy {

	private static final String[] VERSIONS = { "13" };

	private final Configuration.ConfigurationCustomizer limits = new Configuration.ConfigurationCustomizer();

	private volatile WebSocketMappings mappings;

	JettyUpgrade(RealtimeProperties properties) {
		long maxFrame = properties.maxFrame().toBytes();
		// the gateway drops silent sockets itself (Heartbeats); Jetty's timeout is only a
		// backstop, e.g. for a close handshake the client never answers
		Duration idleTimeout = properties.idleTimeout().plus(properties.heartbeatInterval());
		limits.setMaxTextMessageSize(maxFrame);
		limits.setMaxBinaryMessageSize(maxFrame);
		limits.setMaxFrameSize(maxFrame);
		limits.setIdleTimeout(idleTimeout);
	}

	@Override
	public String[] getSupportedVersions() {
		return VERSIONS;
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		try {
			upgrade(((ServletServerHttpRequest) request).getServletRequest(),
					((ServletServerHttpResponse) response).getServletResponse(), selectedProtocol, user, handler,
					attributes);
		}
		catch (IOException | RuntimeException ex) {
			throw new HandshakeFailureException("WebSocket upgrade failed: " + ex, ex);
		}
	}

	/**
	 * Upgrades a servlet request, as Spring's handshake handler or
	 * {@link DirectHandshake} asks.
	 * @param protocol the sub-protocol to accept, or {@code null}
	 * @param user the socket's principal
	 * @param handler the socket's handler (already decorated)
	 * @param attributes the socket's attributes
	 * @return whether Jetty upgraded the request; if not it has answered it (e.g. 400 for
	 * a malformed handshake) or left it unanswered
	 * @throws IOException if the response cannot be written
	 */
	boolean upgrade(HttpServletRequest request, HttpServletResponse response, String protocol, Principal user,
			WebSocketHandler handler, Map<String, Object> attributes) throws IOException {
		// the servlet request and response as Jetty's core sees them, as Jetty's own
		// container does for a programmatic upgrade
		Request coreRequest = ServletCoreRequest.wrap(request);
		Response coreResponse = ServletCoreResponse.wrap(coreRequest, response, false);
		try (Blocker.Callback written = Blocker.callback()) {
			boolean upgraded = mappings(request.getServletContext())
				.upgrade(negotiator(protocol, user, handler, attributes), coreRequest, coreResponse, written, limits);
			if (upgraded) {
				// the 101 response is written
				written.block();
			}
			return upgraded;
		}
	}

	/**
	 * Upgrades a request in Jetty's core, before any servlet ({@link TokenHandshake}).
	 * @param mappings Jetty's WebSocket mappings of the server
	 * @param request the handshake request
	 * @param response its response
	 * @param callback completed by Jetty once the {@code 101} response is written (when
	 * this returns true)
	 * @param user the socket's principal
	 * @param handler the socket's handler (already decorated)
	 * @return whether Jetty took the request (upgraded it, or answered it with an error);
	 * if not, nothing was written and the caller hands it on
	 */
	boolean upgradeInCore(WebSocketMappings mappings, Request request, Response response, Callback callback,
			Principal user, WebSocketHandler handler) {
		return mappings.upgrade(negotiator(null, user, handler, new HashMap<>()), request, response, callback, limits);
	}

	private static WebSocketNegotiator negotiator(String protocol, Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) {
		return (upgradeRequest, upgradeResponse, callback) -> {
			if (protocol != null) {
				upgradeResponse.setAcceptedSubProtocol(protocol);
			}
			upgradeResponse.setExtensions(List.of());
			return new JettyFrameAdapter(handler, new JettyCoreSession(attributes, user, protocol));
		};
	}

	private WebSocketMappings mappings(ServletContext context) {
		WebSocketMappings current = mappings;
		if (current == null) {
			current = WebSocketMappings.ensureMappings(ServletContextHandler.getServletContextHandler(context));
			mappings = current;
		}
		return current;
	}

}
