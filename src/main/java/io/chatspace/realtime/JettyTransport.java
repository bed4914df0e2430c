package io.chatspace.realtime;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A {@link Transport} that writes a socket's frames to Jetty's connection
 * ({@link EndPoint}) itself, instead of handing each one to the frame flusher of Jetty's
 * WebSocket core: the fan-out queues tens of thousands of frames a second, and Jetty's
 * path costs per frame a queue entry with its own timeout, two iterating callbacks, a
 * lock and a pooled header buffer, about a third of the fan-out lanes' time
 * (docs/performance.md, "Results, 2026-12-06, fifth session").
 * <p>
 * Each frame is queued as its shared payload bytes (never copied per socket until the
 * write). A write takes every frame queued (at most {@link #MAX_WRITE} bytes, and at
 * least one frame), puts each one's header (RFC 6455 §5.2: FIN, the opcode, the payload
 * length; a server's frames are not masked) and payload into one pooled buffer, and hands
 * it to the connection in one non-blocking write; frames queued while it is in flight
 * leave together in the next. A frame queued with {@code batch} waits for
 * {@link #flush()} or for a later frame queued without it.
 * <p>
 * Jetty's core still owns the close handshake and writes the close frames, on the same
 * connection: only one write may be in flight on it. So {@link #close} is queued behind
 * the frames (it is handed to Jetty once they are written), and before Jetty answers the
 * client's close frame, or closes after a protocol error, the handler calls
 * {@link #stop(Runnable)}, which lets the write in flight finish and drops what is
 * queued. A close Jetty starts on its own (an idle timeout, a frame it cannot parse)
 * while a write is in flight fails one of the two writes, and the connection ends without
 * a close frame.
 */
final class JettyTransport implements Transport {

	/** The most bytes one write gathers (a larger single frame is written alone). */
	static final int MAX_WRITE = 64 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private final CoreSession session;

	private final EndPoint endPoint;

	private final ByteBufferPool pool;

	private final Object lock = new Object();

	// guarded by lock
	private final ArrayDeque<Outgoing> queue = new ArrayDeque<>(2);

	private boolean flushRequested;

	private boolean writing;

	private boolean stopped;

	// set by close(): handed to Jetty once the frames queued before it are written
	private CloseRequest closing;

	private Throwable failure;

	private Runnable whenIdle;

	private final Writes writes = new Writes();

	/**
	 * @param session the socket's session in Jetty's WebSocket core (its close handshake)
	 * @param endPoint the connection the session's frames are written to
	 * @param pool where write buffers are taken from
	 */
	JettyTransport(CoreSession session, EndPoint endPoint, ByteBufferPool pool) {
		this.session = session;
		this.endPoint = endPoint;
		this.pool = pool;
	}

	/**
	 * @param session a session upgraded by Jetty's WebSocket core server
	 * @return its transport
	 * @throws IllegalArgumentException when the session is not Jetty's own
	 */
	static JettyTransport of(CoreSession session) {
		if (session instanceof WebSocketCoreSession core && core.getConnection() != null) {
			return new JettyTransport(session, core.getConnection().getEndPoint(), session.getByteBufferPool());
		}
		throw new IllegalArgumentException("not a session of Jetty's WebSocket core: " + session.getClass().getName());
	}

	/**
	 * @param session a socket upgraded by {@link JettyUpgrade}
	 * @return its transport
	 * @throws IllegalArgumentException when the socket is not one of Jetty's
	 */
	static JettyTransport of(WebSocketSession session) {
		if (WebSocketSessionDecorator.unwrap(session) instanceof JettyCoreSession jetty && jetty.transport() != null) {
			return jetty.transport();
		}
		throw new IllegalArgumentException("not a Jetty WebSocket session: " + session.getClass().getName());
	}

	@Override
	public void sendText(byte[] utf8, boolean batch, Written written) {
		send(OpCode.TEXT, utf8, batch, written);
	}

	@Override
	public void flush() {
		synchronized (lock) {
			if (queue.isEmpty()) {
				return;
			}
			flushRequested = true;
		}
		writes.iterate();
	}

	@Override
	public void sendPing(Written written) {
		send(OpCode.PING, EMPTY, false, written);
	}

	/**
	 * Queues a frame of any opcode and writes it at once unless {@code batch}.
	 * @param opCode the frame's opcode (RFC 6455 §5.2)
	 * @param payload its payload, not copied (it must not change)
	 * @param batch whether it may wait for {@link #flush()}
	 * @param written told once it is written or has failed (also when the transport has
	 * stopped)
	 */
	void send(byte opCode, byte[] payload, boolean batch, Written written) {
		Outgoing outgoing = new Outgoing(opCode, payload, written);
		boolean flush = !batch;
		Throwable refused = null;
		synchronized (lock) {
			if (stopped || closing != null) {
				refused = failure != null ? failure : new ClosedChannelException();
			}
			else {
				queue.add(outgoing);
				flushRequested |= flush;
			}
		}
		if (refused != null) {
			outgoing.failed(refused);
		}
		else if (flush) {
			writes.iterate();
		}
	}

	@Override
	public void close(int code, String reason) {
		synchronized (lock) {
			if (stopped || closing != null) {
				return;
			}
			closing = new CloseRequest(code, reason);
			flushRequested = true;
		}
		writes.iterate();
	}

	@Override
	public void abort() {
		stop(null);
		session.abort();
	}

	/**
	 * Stops writing: the frames queued are dropped (failed), and {@code then} runs once
	 * the write in flight, if any, has finished, so that Jetty may write its close frame.
	 * Idempotent.
	 * @param then what to do once nothing of this transport is being written, or null
	 */
	void stop(Runnable then) {
		List<Outgoing> dropped;
		boolean now;
		synchronized (lock) {
			stopped = true;
			dropped = new ArrayList<>(queue);
			queue.clear();
			now = !writing;
			if (!now && then != null) {
				Runnable before = whenIdle;
				whenIdle = before == null ? then : () -> {
					before.run();
					then.run();
				};
			}
		}
		fail(dropped, new ClosedChannelException());
		if (now && then != null) {
			then.run();
		}
	}

	/**
	 * Keeps one write in flight on the connection: {@link #process()} takes what is
	 * queued and starts a write; the connection completes it ({@link #succeeded()} or
	 * {@link #failed(Throwable)}), on whichever thread, and the next one starts.
	 */
	private final class Writes extends IteratingCallback {

		// the write in flight: touched by process() and the completions, which the
		// iterating callback runs one at a time
		private final List<Outgoing> inFlight = new ArrayList<>();

		private RetainableByteBuffer buffer;

		@Override
		protected Action process() {
			CloseRequest close = null;
			List<Outgoing> dropped = null;
			int bytes = 0;
			synchronized (lock) {
				if (stopped || !flushRequested) {
					return Action.IDLE;
				}
				if (queue.isEmpty()) {
					flushRequested = false;
					if (closing == null) {
						return Action.IDLE;
					}
					// every frame queued before the close is written
					close = closing;
					stopped = true;
				}
				else if (!session.isOutputOpen()) {
					// Jetty has closed the output (a close it started itself)
					stopped = true;
					dropped = new ArrayList<>(queue);
					queue.clear();
				}
				else {
					Outgoing next;
					while ((next = queue.peek()) != null
							&& (inFlight.isEmpty() || bytes + next.wireLength() <= MAX_WRITE)) {
						inFlight.add(queue.poll());
						bytes += next.wireLength();
					}
					flushRequested = !queue.isEmpty() || closing != null;
					writing = true;
				}
			}
			if (close != null) {
				session.close(close.code(), close.reason(), Callback.NOOP);
				return Action.IDLE;
			}
			if (dropped != null) {
				fail(dropped, new ClosedChannelException());
				return Action.IDLE;
			}
			buffer = pool.acquire(bytes, true);
			ByteBuffer out = buffer.getByteBuffer();
			int position = BufferUtil.flipToFill(out);
			for (Outgoing outgoing : inFlight) {
				outgoing.writeTo(out);
			}
			BufferUtil.flipToFlush(out, position);
			endPoint.write(this, out);
			return Action.SCHEDULED;
		}

		@Override
		protected void onSuccess() {
			release();
			Runnable then;
			synchronized (lock) {
				writing = false;
				then = takeWhenIdle();
			}
			for (Outgoing outgoing : inFlight) {
				outgoing.succeed();
			}
			inFlight.clear();
			if (then != null) {
				then.run();
			}
		}

		@Override
		protected void onCompleteFailure(Throwable cause) {
			release();
			List<Outgoing> dropped;
			Runnable then;
			synchronized (lock) {
				writing = false;
				stopped = true;
				failure = cause;
				dropped = new ArrayList<>(queue);
				queue.clear();
				then = takeWhenIdle();
			}
			fail(inFlight, cause);
			inFlight.clear();
			fail(dropped, cause);
			if (then != null) {
				then.run();
			}
		}

		@Override
		public InvocationType getInvocationType() {
			// completing a write only counts bytes and maybe starts the next write
			return InvocationType.NON_BLOCKING;
		}

		private Runnable takeWhenIdle() {
			Runnable then = whenIdle;
			whenIdle = null;
			return then;
		}

		private void release() {
			if (buffer != null) {
				buffer.release();
				buffer = null;
			}
		}

	}

	private static void fail(List<Outgoing> outgoing, Throwable cause) {
		for (Outgoing o : outgoing) {
			o.failed(cause);
		}
	}

	/**
	 * @param payloadLength a frame's payload length in bytes
	 * @return the length of its header when sent by a server (RFC 6455 §5.2: no mask)
	 */
	static int headerLength(int payloadLength) {
		return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
	}

	/** A close requested with {@link #close}: its code and reason (RFC 6455 §7.4). */
	private record CloseRequest(int code, String reason) {
	}

	/** One queued frame. */
	private record Outgoing(byte opCode, byte[] payload, Written written) {

		int wireLength() {
			return headerLength(payload.length) + payload.length;
		}

		void writeTo(ByteBuffer out) {
			int length = payload.length;
			out.put((byte) (0x80 | opCode)); // FIN, no RSV bits
			if (length < 126) {
				out.put((byte) length);
			}
			else if (length <= 0xFFFF) {
				out.put((byte) 126);
				out.putShort((short) length);
			}
			else {
				out.put((byte) 127);
				out.putLong(length);
			}
			out.put(payload);
		}

		void succeed() {
			written.done(payload.length, null);
		}

		void failed(Throwable cause) {
			written.done(payload.length, cause);
		}

	}

}
