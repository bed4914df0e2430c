package io.chatspace.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Hands a socket's frames from Jetty's WebSocket core straight to the gateway's Spring
 * {@link WebSocketHandler}, doing what Jetty's WebSocket API and Spring's adapter for it
 * did in between (RFC 6455): a message's frames (a text or binary frame and its
 * continuations) are gathered into one message of at most the session's
 * {@code maxTextMessageSize} / {@code maxBinaryMessageSize} bytes (beyond it the socket
 * closes with 1009), a text message must be valid UTF-8 (else 1007, §8.1), a ping is
 * answered with a pong carrying its payload (§5.5.2), a pong is passed on (the gateway's
 * heartbeats), and the handler hears of the close once, from the close frame or from the
 * connection's end. After each frame it asks Jetty for the next one ({@code demand}).
 * <p>
 * One adapter per socket; Jetty calls it for one frame at a time.
 */
final class JettyFrameAdapter implements FrameHandler {

	private final WebSocketHandler handler;

	private final JettyCoreSession session;

	private final AtomicBoolean closeNotified = new AtomicBoolean();

	private CoreSession core;

	// writes the socket's frames (set on open)
	private JettyTransport transport;

	// the message being gathered from several frames, if any
	private Utf8StringBuilder text;

	private ByteArrayOutputStream binary;

	private long gathered;

	JettyFrameAdapter(WebSocketHandler handler, JettyCoreSession session) {
		this.handler = handler;
		this.session = session;
	}

	@Override
	public void onOpen(CoreSession coreSession, Callback callback) {
		this.core = coreSession;
		try {
			transport = JettyTransport.of(coreSession);
			session.open(coreSession, transport);
			handler.afterConnectionEstablished(session);
			callback.succeeded();
		}
		catch (Throwable ex) {
			callback.failed(ex);
			return;
		}
		coreSession.demand();
	}

	@Override
	public void onFrame(Frame frame, Callback callback) {
		try {
			switch (frame.getOpCode()) {
				case OpCode.TEXT -> {
					reset();
					text = new Utf8StringBuilder(frame.getPayloadLength());
					gather(frame, callback);
				}
				case OpCode.BINARY -> {
					reset();
					binary = new ByteArrayOutputStream();
					gather(frame, callback);
				}
				case OpCode.CONTINUATION -> gather(frame, callback);
				case OpCode.PING -> pong(frame, callback);
				case OpCode.PONG -> deliver(new PongMessage(copy(frame.getPayload())), callback);
				case OpCode.CLOSE -> closed(CloseStatus.getCloseStatus(frame), callback);
				default -> {
					// the parser lets no other opcode through (RFC 6455 §5.2)
					callback.succeeded();
					core.demand();
				}
			}
		}
		catch (Throwable ex) {
			// Jetty closes the socket for this failure, once nothing else is being
			// written
			afterWrites(() -> callback.failed(ex));
		}
	}

	/**
	 * Runs what lets Jetty write a close frame once the transport's write in flight has
	 * finished, after which the transport writes nothing more (one write at a time on a
	 * connection).
	 */
	private void afterWrites(Runnable then) {
		if (transport != null) {
			transport.stop(then);
		}
		else {
			then.run();
		}
	}

	private void gather(Frame frame, Callback callback) throws Exception {
		ByteBuffer payload = frame.getPayload();
		int length = payload == null ? 0 : payload.remaining();
		gathered += length;
		if (text != null) {
			if (gathered > core.getMaxTextMessageSize()) {
				throw tooLarge(core.getMaxTextMessageSize());
			}
			if (length > 0) {
				text.append(payload.slice());
			}
			if (frame.isFin()) {
				// RFC 6455 §8.1: invalid UTF-8 fails the connection (1007)
				String message = text
					.takeCompleteString(() -> new BadPayloadException("text message is not valid UTF-8"));
				reset();
				deliver(new TextMessage(message), callback);
				return;
			}
		}
		else if (binary != null) {
			if (gathered > core.getMaxBinaryMessageSize()) {
				throw tooLarge(core.getMaxBinaryMessageSize());
			}
			if (length > 0) {
				BufferUtil.writeTo(payload.slice(), binary);
			}
			if (frame.isFin()) {
				byte[] message = binary.toByteArray();
				reset();
				deliver(new BinaryMessage(message), callback);
				return;
			}
		}
		// else: a continuation without a message, which the parser refuses (1002)
		callback.succeeded();
		core.demand();
	}

	private void reset() {
		text = null;
		binary = null;
		gathered = 0;
	}

	private static MessageTooLargeException tooLarge(long limit) {
		return new MessageTooLargeException("message larger than " + limit + " bytes");
	}

	private void deliver(WebSocketMessage<?> message, Callback callback) throws Exception {
		handler.handleMessage(session, message);
		callback.succeeded();
		core.demand();
	}

	private void pong(Frame ping, Callback callback) {
		// the next frame is read once the pong is written: a flood of pings cannot queue
		// pongs without bound
		byte[] payload = ping.hasPayload() ? BufferUtil.toArray(ping.getPayload()) : new byte[0];
		transport.send(OpCode.PONG, payload, false, (bytes, failure) -> {
			callback.succeeded();
			if (failure == null) {
				core.demand();
			}
		});
	}

	@Override
	public void onError(Throwable cause, Callback callback) {
		try {
			handler.handleTransportError(session, cause);
			callback.succeeded();
		}
		catch (Throwable ex) {
			callback.failed(ex);
		}
	}

	@Override
	public void onClosed(CloseStatus closeStatus, Callback callback) {
		closed(closeStatus, callback);
	}

	private void closed(CloseStatus status, Callback callback) {
		if (!closeNotified.compareAndSet(false, true)) {
			callback.succeeded();
			return;
		}
		try {
			// Spring takes the codes of RFC 6455 §7.4 only; anything else is an abnormal
			// end
			int code = status.getCode() >= 1000 && status.getCode() < 5000 ? status.getCode() : CloseStatus.NO_CLOSE;
			handler.afterConnectionClosed(session, new org.springframework.web.socket.CloseStatus(code,
					code == status.getCode() ? status.getReason() : null));
			// Jetty answers the client's close frame after this callback
			afterWrites(callback::succeeded);
		}
		catch (Throwable ex) {
			afterWrites(() -> callback.failed(ex));
		}
	}

	/**
	 * @param payload a control frame's payload (Jetty reuses its buffer after the
	 * callback), or null
	 * @return a copy of its remaining bytes
	 */
	private static ByteBuffer copy(ByteBuffer payload) {
		return payload == null ? BufferUtil.EMPTY_BUFFER : BufferUtil.copy(payload);
	}

}
