package io.chatspace.realtime;

import java.nio.ByteBuffer;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A {@link Transport} over Jetty's WebSocket core session: each frame is queued on the
 * session's frame flusher with a view of the shared payload bytes (no UTF-8 re-encoding
 * per socket). A frame sent without {@code batch} is written at once (with the batched
 * frames before it); batched frames are gathered in the flusher's aggregate buffer (the
 * container's output buffer size) until a flush, and frames queued while a write is in
 * flight leave together in one gathering write.
 */
final class JettyTransport implements Transport {

	private final CoreSession session;

	JettyTransport(CoreSession session) {
		this.session = session;
	}

	/**
	 * @param session a socket upgraded by {@link JettyUpgrade}
	 * @return its transport
	 * @throws IllegalArgumentException when the socket is not one of Jetty's
	 */
	static Transport of(WebSocketSession session) {
		if (WebSocketSessionDecorator.unwrap(session) instanceof JettyCoreSession jetty
				&& jetty.getNativeSession() != null) {
			return new JettyTransport(jetty.getNativeSession());
		}
		throw new IllegalArgumentException("not a Jetty WebSocket session: " + session.getClass().getName());
	}

	@Override
	public void sendText(byte[] utf8, boolean batch, Written written) {
		session.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8)), new Done(written, utf8.length), batch);
	}

	@Override
	public void flush() {
		session.flush(Callback.NOOP);
	}

	@Override
	public void sendPing(Written written) {
		session.sendFrame(new Frame(OpCode.PING), new Done(written, 0), false);
	}

	@Override
	public void close(int code, String reason) {
		session.close(code, reason, Callback.NOOP);
	}

	@Override
	public void abort() {
		session.abort();
	}

	/** Completes a {@link Written} without a thread hand-off (it only counts bytes). */
	private record Done(Written written, int bytes) implements Callback {

		@Override
		public void succeeded() {
			written.done(bytes, null);
		}

		@Override
		public void failed(Throwable failure) {
			written.done(bytes, failure);
		}

		@Override
		public InvocationType getInvocationType() {
			return InvocationType.NON_BLOCKING;
		}

	}

}
