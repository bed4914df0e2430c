package io.chatspace.realtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.adapter.AbstractWebSocketSession;

/**
 * Spring's view ({@link org.springframework.web.socket.WebSocketSession}) of a socket
 * upgraded on Jetty's WebSocket core ({@link CoreSession}), without Jetty's own WebSocket
 * API in between: what {@link ChatSocketHandler} and Spring's decorators ask of a socket
 * (its id, principal and attributes, closing it). Every frame of the socket is written by
 * its {@link JettyTransport} (set when the socket opens): the gateway's directly, and
 * {@link #sendMessage}'s (here for completeness; it blocks until the frame is written)
 * and {@link #close}'s through it, in order with the gateway's.
 * <p>
 * The handshake's headers are not kept: a socket lives for hours, and nothing reads them
 * after the upgrade ({@link #getHandshakeHeaders()} is empty).
 */
final class JettyCoreSession extends AbstractWebSocketSession<CoreSession> {

	private final String id = idGenerator.generateId().toString();

	private final Principal principal;

	private final String acceptedProtocol;

	private volatile JettyTransport transport;

	JettyCoreSession(Map<String, Object> attributes, Principal principal, String acceptedProtocol) {
		super(attributes);
		this.principal = principal;
		this.acceptedProtocol = acceptedProtocol;
	}

	/**
	 * @return the socket's transport, or null before the socket is open
	 */
	JettyTransport transport() {
		return transport;
	}

	/**
	 * Opens the session on Jetty's side of the socket.
	 * @param session the socket's session in Jetty's WebSocket core
	 * @param transport what writes the socket's frames
	 */
	void open(CoreSession session, JettyTransport transport) {
		initializeNativeSession(session);
		this.transport = transport;
	}

	@Override
	public String getId() {
		return id;
	}

	@Override
	public URI getUri() {
		checkNativeSessionInitialized();
		return getNativeSession().getRequestURI();
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return HttpHeaders.EMPTY;
	}

	@Override
	public Principal getPrincipal() {
		return principal;
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		checkNativeSessionInitialized();
		return inet(getNativeSession().getLocalAddress());
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		checkNativeSessionInitialized();
		return inet(getNativeSession().getRemoteAddress());
	}

	private static InetSocketAddress inet(SocketAddress address) {
		return address instanceof InetSocketAddress inet ? inet : null;
	}

	@Override
	public String getAcceptedProtocol() {
		return acceptedProtocol;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		checkNativeSessionInitialized();
		getNativeSession().setMaxTextMessageSize(messageSizeLimit);
	}

	@Override
	public int getTextMessageSizeLimit() {
		checkNativeSessionInitialized();
		return (int) Math.min(Integer.MAX_VALUE, getNativeSession().getMaxTextMessageSize());
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		checkNativeSessionInitialized();
		getNativeSession().setMaxBinaryMessageSize(messageSizeLimit);
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		checkNativeSessionInitialized();
		return (int) Math.min(Integer.MAX_VALUE, getNativeSession().getMaxBinaryMessageSize());
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		// none is negotiated (JettyUpgrade)
		return List.of();
	}

	@Override
	public boolean isOpen() {
		CoreSession session = getNativeSession();
		return session != null && session.isOutputOpen();
	}

	@Override
	protected void sendTextMessage(TextMessage message) throws IOException {
		send(OpCode.TEXT, message.asBytes());
	}

	@Override
	protected void sendBinaryMessage(BinaryMessage message) throws IOException {
		send(OpCode.BINARY, BufferUtil.toArray(message.getPayload()));
	}

	@Override
	protected void sendPingMessage(PingMessage message) throws IOException {
		send(OpCode.PING, BufferUtil.toArray(message.getPayload()));
	}

	@Override
	protected void sendPongMessage(PongMessage message) throws IOException {
		send(OpCode.PONG, BufferUtil.toArray(message.getPayload()));
	}

	private void send(byte opCode, byte[] payload) throws IOException {
		FutureCallback written = new FutureCallback();
		transport.send(opCode, payload, false, (bytes, failure) -> {
			if (failure == null) {
				written.succeeded();
			}
			else {
				written.failed(failure);
			}
		});
		written.block();
	}

	@Override
	protected void closeInternal(CloseStatus status) {
		transport.close(status.getCode(), status.getReason());
	}

}
