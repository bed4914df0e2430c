package io.chatspace.realtime;

/**
 * The container's side of one socket, as a {@link Connection} writes to it. Every call
 * returns at once: a frame is queued, what is queued while an earlier write is in
 * progress leaves together in the next write (RFC 6455 frames, one system call for a
 * burst), and the outcome is reported to the given {@link Written} later, on whichever
 * thread finished the write.
 */
interface Transport {

	/**
	 * Queues one text frame.
	 * @param utf8 the frame's payload, UTF-8; shared by every socket the same event goes
	 * to and never changed
	 * @param batch whether the frame may wait for a later {@link #flush()} (or for the
	 * next frame sent without {@code batch}) so that several leave in one write; false
	 * writes it (and whatever waits before it) at once
	 * @param written told once the frame is written or has failed
	 */
	void sendText(byte[] utf8, boolean batch, Written written);

	/** Writes the frames queued with {@code batch} (nothing when there are none). */
	void flush();

	/**
	 * Queues a WebSocket ping (RFC 6455 §5.5.2) with an empty payload.
	 * @param written told once the ping is written or has failed
	 */
	void sendPing(Written written);

	/**
	 * Queues a close frame (RFC 6455 §5.5.1) after the frames already queued, so they
	 * reach the client first; the connection ends once the client answers (or the
	 * container's idle timeout passes).
	 * @param code the close code (RFC 6455 §7.4)
	 * @param reason the reason, at most 123 bytes of UTF-8, or null
	 */
	void close(int code, String reason);

	/**
	 * Ends the connection at once, without a close handshake, dropping what is queued:
	 * for a client that does not read, whose close frame could never get through.
	 */
	void abort();

	/** The outcome of one queued frame. */
	@FunctionalInterface
	interface Written {

		/**
		 * @param bytes the frame's payload length in bytes (0 for a ping)
		 * @param failure null when the frame was written, else why it was not
		 */
		void done(int bytes, Throwable failure);

	}

}
