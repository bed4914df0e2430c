package io.chatspace.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.chatspace.accounts.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.web.socket.CloseStatus;

/**
 * One client socket: its account, its room subscriptions and its bounded outbound buffer.
 * <p>
 * Every frame for the client goes through {@link #send(byte[])}, which never blocks and
 * starts no thread: it hands the frame's shared UTF-8 bytes to the container's queue for
 * the socket ({@link Transport}), which writes at once when the socket is idle and
 * coalesces what arrives meanwhile into one write. The bytes handed over but not yet
 * written are counted; when they exceed the limit the client is not reading, and the
 * connection is cut at once (its close frame could not get through either) instead of
 * growing the heap or slowing the room.
 */
final class Connection {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	private static final String PROCESS = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE,
			36);

	/**
	 * The close status of a socket whose buffered events overflowed (RFC 6455 §7.4.1).
	 */
	static final CloseStatus BUFFER_FULL = CloseStatus.POLICY_VIOLATION.withReason("outbound buffer full");

	private final Transport transport;

	private final Account account;

	private final long bufferLimit;

	// one instance per connection, not one per frame
	private final Transport.Written written = this::written;

	private final AtomicLong bufferedBytes = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	// set once the gateway has let go of the socket (subscriptions, presence)
	private final AtomicBoolean released = new AtomicBoolean();

	// System.nanoTime() of the last frame (any kind, pongs included) from the client
	private volatile long lastHeard = System.nanoTime();

	// System.nanoTime() of the last WebSocket ping sent while the client was silent
	private volatile long lastPinged = System.nanoTime();

	// System.nanoTime() of the last finished write, or of the frame that found nothing
	// queued: while bytes are queued, how long the socket has made no progress
	private volatile long lastProgress = System.nanoTime();

	private final Map<String, RoomSubscription> rooms = new ConcurrentHashMap<>();

	private final Map<String, DocumentSubscription> documents = new ConcurrentHashMap<>();

	private final String id;

	// touched only by the socket's inbound thread (the container delivers frames one at a
	// time)
	private int malformedInRow;

	/**
	 * @param sessionId the container's id of the socket, unique in this process
	 * @param transport the container's side of the socket
	 * @param account the authenticated user
	 * @param bufferLimit the most bytes queued and not yet written before the socket is
	 * cut
	 */
	Connection(String sessionId, Transport transport, Account account, long bufferLimit) {
		this.transport = transport;
		this.account = account;
		this.bufferLimit = bufferLimit;
		this.id = PROCESS + "-" + sessionId;
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
	Map<String, DocumentSubscription> documents() {
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
	 * @param frame the frame's UTF-8 bytes, not copied (they may be shared, and must not
	 * change)
	 * @return whether it was queued (false once the connection is closed or overflowed)
	 */
	boolean send(byte[] frame) {
		if (closed.get()) {
			return false;
		}
		long queued = bufferedBytes.addAndGet(frame.length);
		if (queued > bufferLimit) {
			bufferedBytes.addAndGet(-frame.length);
			cut(Level.INFO, "outbound buffer over " + bufferLimit + " bytes");
			return false;
		}
		if (queued == frame.length) {
			lastProgress = System.nanoTime();
		}
		// inside a WriteBatch (a fan-out lane's run of events, an unread interval)
		// frames wait for its end: one write for the frames a burst brings to a socket
		boolean batch = WriteBatch.defer(this);
		transport.sendText(frame, batch, written);
		return true;
	}

	/** Writes the frames queued inside a {@link WriteBatch}. */
	void flush() {
		if (!closed.get()) {
			transport.flush();
		}
	}

	private void written(int bytes, Throwable failure) {
		bufferedBytes.addAndGet(-bytes);
		if (failure == null) {
			lastProgress = System.nanoTime();
		}
		else {
			cut(Level.DEBUG, "write failed: " + failure); // the peer went away, usually
		}
	}

	/**
	 * Ends the connection at once, without a close frame (none could get past what the
	 * client has not read); the gateway hears of it from the container. Idempotent.
	 */
	private void cut(Level level, String why) {
		if (closed.compareAndSet(false, true)) {
			log.atLevel(level).log("cutting socket {} of {}: {}", id(), username(), why);
			transport.abort();
		}
	}

	/**
	 * @param now {@link System#nanoTime()}
	 * @return nanoseconds the socket has had bytes queued without finishing a write (0
	 * when nothing is queued)
	 */
	long stalledFor(long now) {
		return bufferedBytes.get() > 0 ? now - lastProgress : 0;
	}

	/**
	 * Cuts a connection whose writes made no progress for too long (the client stopped
	 * reading or the network is gone).
	 */
	void abortStalled() {
		cut(Level.INFO, "no write progress with " + bufferedBytes.get() + " bytes queued");
	}

	/**
	 * @return bytes queued for the client and not yet written
	 */
	long bufferedBytes() {
		return bufferedBytes.get();
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
		if (!closed.get()) {
			transport.sendPing(written);
		}
	}

	/**
	 * Marks the connection released by the gateway.
	 * @return whether this call released it (false when it already was)
	 */
	boolean release() {
		return released.compareAndSet(false, true);
	}

	/**
	 * Closes the socket with a close frame queued after the frames queued so far (the
	 * {@code error} frame that explains a policy close reaches the client before the
	 * close). Nothing queued after this call is sent. Never blocks; idempotent.
	 * @param status the close code and reason (RFC 6455 §7.4)
	 */
	void close(CloseStatus status) {
		if (closed.compareAndSet(false, true)) {
			transport.close(status.getCode(), status.getReason());
		}
	}

	/** Marks the connection closed by the client; nothing more is sent. */
	void closedByPeer() {
		closed.set(true);
	}

}
