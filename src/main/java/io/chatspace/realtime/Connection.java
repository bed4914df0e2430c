package io.chatspace.realtime;

import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.chatspace.accounts.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client socket: its account, its room subscriptions and its bounded outbound buffer.
 * <p>
 * Every frame for the client goes through {@link #send(TextMessage)}, which never blocks:
 * it appends to a queue that one drain task at a time (on a virtual thread) writes to the
 * socket, so a slow client never slows the thread fanning out a room. When the bytes
 * waiting exceed the limit, the client is not reading: the socket is closed with 1008
 * (policy violation) and its buffer dropped, instead of growing the heap.
 */
final class Connection {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	private static final String PROCESS = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE,
			36);

	static final CloseStatus BUFFER_FULL = CloseStatus.POLICY_VIOLATION.withReason("outbound buffer full");

	// queued by closeAfterQueued: the drain closes the session when it gets here
	private static final TextMessage CLOSE_MARKER = new TextMessage("");

	private final WebSocketSession session;

	// the container's endpoint with batching on, or null (then every frame is written at
	// once)
	private final jakarta.websocket.RemoteEndpoint.Basic batching;

	private final Account account;

	private final long bufferLimit;

	private final Executor executor;

	private final Queue<WebSocketMessage<?>> outbound = new ConcurrentLinkedQueue<>();

	private final AtomicLong bufferedBytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	// set once the gateway has let go of the socket (subscriptions, presence)
	private final AtomicBoolean released = new AtomicBoolean();

	// System.nanoTime() of the last frame (any kind, pongs included) from the client
	private volatile long lastHeard = System.nanoTime();

	// System.nanoTime() of the last WebSocket ping sent while the client was silent
	private volatile long lastPinged = System.nanoTime();

	// set by a hard close: frames still queued are dropped instead of written
	private volatile boolean discard;

	// the status of a close that waits for the frames queued before it (see
	// closeAfterQueued)
	private volatile CloseStatus pendingClose;

	private final Map<String, RoomSubscription> rooms = new ConcurrentHashMap<>();

	private final Map<String, RoomSubscription> documents = new ConcurrentHashMap<>();

	private final String id;

	// touched only by the socket's inbound thread (the container delivers frames one at a
	// time)
	private int malformedInRow;

	Connection(WebSocketSession session, Account account, long bufferLimit, Executor executor) {
		this.session = session;
		this.batching = batching(session);
		this.account = account;
		this.bufferLimit = bufferLimit;
		this.executor = executor;
		this.id = PROCESS + "-" + session.getId();
	}

	/**
	 * @return an id unique across nodes (a random per-process prefix and the session id)
	 */
	String id() {
		return id;
	}

	Account account() {
		return account;
	}

	String username() {
		return account.username();
	}

	Map<String, RoomSubscription> rooms() {
		return rooms;
	}

	/**
	 * @return the documents this socket has open, by room slug
	 */
	Map<String, RoomSubscription> documents() {
		return documents;
	}

	boolean isOpen() {
		return !closed.get();
	}

	/**
	 * @return the malformed frames in a row, this one included
	 */
	int malformed() {
		return ++malformedInRow;
	}

	void wellFormed() {
		malformedInRow = 0;
	}

	/**
	 * Queues a frame for the client. Never blocks.
	 * @param frame the frame; the same instance may be queued on many connections
	 * @return whether it was queued (false once the connection is closed or overflowed)
	 */
	boolean send(TextMessage frame) {
		return enqueue(frame);
	}

	private boolean enqueue(WebSocketMessage<?> frame) {
		if (closed.get()) {
			return false;
		}
		if (bufferedBytes.addAndGet(frame.getPayloadLength()) > bufferLimit) {
			log.info("closing socket {} of {}: outbound buffer over {} bytes", id(), username(), bufferLimit);
			close(BUFFER_FULL);
			return false;
		}
		outbound.add(frame);
		if (draining.compareAndSet(false, true)) {
			executor.execute(this::drain);
		}
		return true;
	}

	boolean send(byte[] frame) {
		return send(new TextMessage(frame));
	}

	/** Notes that the client sent something: a frame of any kind, a pong included. */
	void heard() {
		lastHeard = System.nanoTime();
	}

	/**
	 * @return {@link System#nanoTime()} when the client last sent anything
	 */
	long lastHeard() {
		return lastHeard;
	}

	/**
	 * @return {@link System#nanoTime()} of the last ping sent by {@link #ping()}
	 */
	long lastPinged() {
		return lastPinged;
	}

	/**
	 * Queues a WebSocket ping (the client's WebSocket stack answers with a pong, which
	 * counts as hearing from it). Never blocks.
	 */
	void ping() {
		lastPinged = System.nanoTime();
		enqueue(new PingMessage());
	}

	/**
	 * Marks the connection released by the gateway.
	 * @return whether this call released it (false when it already was)
	 */
	boolean release() {
		return released.compareAndSet(false, true);
	}

	/**
	 * Frames written in one drain are batched by the container (RFC 6455 frames coalesced
	 * into one socket write) and flushed when the queue is empty: one system call for a
	 * burst instead of one per frame, and no added latency.
	 */
	private void flush() {
		if (batching != null && !discard) {
			try {
				batching.flushBatch();
			}
			catch (IOException | RuntimeException ex) {
				log.debug("flush to socket {} failed: {}", id(), ex.toString());
				close(CloseStatus.SESSION_NOT_RELIABLE);
			}
		}
	}

	private static jakarta.websocket.RemoteEndpoint.Basic batching(WebSocketSession session) {
		if (session instanceof org.springframework.web.socket.adapter.standard.StandardWebSocketSession standard) {
			try {
				var remote = standard.getNativeSession().getBasicRemote();
				remote.setBatchingAllowed(true);
				return remote;
			}
			catch (IOException | RuntimeException ex) {
				log.debug("no batching on socket {}: {}", session.getId(), ex.toString());
			}
		}
		return null;
	}

	private void drain() {
		while (true) {
			WebSocketMessage<?> frame;
			while ((frame = outbound.poll()) != null) {
				if (frame == CLOSE_MARKER) {
					flush();
					closeSession(pendingClose);
					continue;
				}
				try {
					if (!discard) {
						session.sendMessage(frame);
					}
				}
				catch (IOException | RuntimeException ex) {
					log.debug("write to socket {} failed: {}", id(), ex.toString());
					close(CloseStatus.SESSION_NOT_RELIABLE);
				}
				finally {
					bufferedBytes.addAndGet(-frame.getPayloadLength());
				}
			}
			flush();
			draining.set(false);
			// a frame queued after the poll but before the flag was cleared must not be
			// stranded
			if (outbound.isEmpty() || !draining.compareAndSet(false, true)) {
				return;
			}
		}
	}

	/**
	 * Closes the socket (asynchronously: closing may wait for a blocked write) and drops
	 * whatever is still queued. Idempotent.
	 */
	void close(CloseStatus status) {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		discard = true;
		outbound.clear();
		executor.execute(() -> closeSession(status));
	}

	/**
	 * Closes the socket once the frames queued so far are written (the {@code error}
	 * frame that explains a policy close reaches the client before the close). Nothing
	 * queued after this call is sent. Idempotent, and a no-op once the connection is
	 * closed.
	 */
	void closeAfterQueued(CloseStatus status) {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		pendingClose = status;
		outbound.add(CLOSE_MARKER);
		if (draining.compareAndSet(false, true)) {
			executor.execute(this::drain);
		}
	}

	private void closeSession(CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("close of socket {} failed: {}", id(), ex.toString());
		}
	}

	/** Marks the connection closed by the client; nothing more is sent. */
	void closedByPeer() {
		closed.set(true);
		discard = true;
		outbound.clear();
	}

}
