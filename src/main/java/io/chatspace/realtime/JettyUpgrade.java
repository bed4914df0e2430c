package io.chatspace.realtime;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketHandlerAdapter;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * Upgrades {@code /ws} to a WebSocket (RFC 6455, version 13) on Jetty's own WebSocket
 * API, with the gateway's limits set on Jetty's container once: the largest text or
 * binary message and frame ({@code chatspace.realtime.max-frame}, counted in bytes; a
 * larger one closes the socket with 1009) and an idle timeout that only backs up the
 * gateway's heartbeats.
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

	private final long maxFrame;

	private final Duration idleTimeout;

	private volatile JettyWebSocketServerContainer configured;

	JettyUpgrade(RealtimeProperties properties) {
		this.maxFrame = properties.maxFrame().toBytes();
		// the gateway drops silent sockets itself (Heartbeats); Jetty's timeout is only a
		// backstop, e.g. for a close handshake the client never answers
		this.idleTimeout = properties.idleTimeout().plus(properties.heartbeatInterval());
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
		JettyWebSocketHandlerAdapter adapter = new JettyWebSocketHandlerAdapter(handler,
				new JettyWebSocketSession(attributes, user));
		return container(request.getServletContext()).upgrade((upgradeRequest, upgradeResponse) -> {
			if (protocol != null) {
				upgradeResponse.setAcceptedSubProtocol(protocol);
			}
			upgradeResponse.setExtensions(List.of());
			return adapter;
		}, request, response);
	}

	private JettyWebSocketServerContainer container(ServletContext context) {
		JettyWebSocketServerContainer container = JettyWebSocketServerContainer.getContainer(context);
		if (container == null) {
			throw new IllegalStateException("Jetty's WebSocket container is not set up");
		}
		if (configured != container) {
			container.setMaxTextMessageSize(maxFrame);
			container.setMaxBinaryMessageSize(maxFrame);
			container.setMaxFrameSize(maxFrame);
			container.setIdleTimeout(idleTimeout);
			configured = container;
		}
		return container;
	}

}
