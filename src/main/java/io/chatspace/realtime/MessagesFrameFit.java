package io.chatspace.realtime;

import java.util.List;
import java.util.function.BiFunction;

import io.chatspace.messaging.Message;

/**
 * Keeps a frame that carries messages ({@code joined}, {@code history}) within what one
 * socket may have queued: a frame larger than the socket's outbound buffer would cut the
 * very socket it is for ({@link Connection#send}), and a client resuming again would be
 * cut again. Such a frame carries fewer messages instead (at least one), dropped from the
 * end the client can ask for again, and says so with {@code more} where the protocol has
 * it (docs/protocol.md: {@code joined} after a resume, {@code history}).
 * <p>
 * The common frame fits at once and is encoded once; a frame over the budget is encoded
 * again with the share of its messages that fits by their average size, until it fits.
 */
final class MessagesFrameFit {

	private MessagesFrameFit() {
	}

	/** Which end of the messages (oldest first) a frame keeps, and what it says then. */
	enum Keep {

		/** A fresh join: the newest; older ones are read with {@code history}. */
		NEWEST,

		/** A resume: the oldest after {@code after}; {@code more} asks for the rest. */
		OLDEST_MORE,

		/**
		 * A history page: the newest before {@code before}; {@code more} asks for older.
		 */
		NEWEST_MORE

	}

	/**
	 * A frame and what it carries.
	 *
	 * @param messages the messages in the frame, oldest first
	 * @param more the frame's {@code more}
	 * @param frame the encoded frame, UTF-8
	 */
	record Fitted(List<Message> messages, boolean more, byte[] frame) {
	}

	/**
	 * @param messages the messages, oldest first
	 * @param more the frame's {@code more} when nothing is dropped
	 * @param keep which messages a frame over the budget keeps
	 * @param budget the most bytes the frame may take
	 * @param encode encodes a frame of the given messages and {@code more}
	 * @return the frame with as many messages as fit (at least one, if there were any)
	 */
	static Fitted fit(List<Message> messages, boolean more, Keep keep, long budget,
			BiFunction<List<Message>, Boolean, byte[]> encode) {
		byte[] frame = encode.apply(messages, more);
		while (frame.length > budget && messages.size() > 1) {
			int size = messages.size();
			int kept = (int) Math.max(1, Math.min(size - 1, size * budget / frame.length));
			messages = keep == Keep.OLDEST_MORE ? messages.subList(0, kept) : messages.subList(size - kept, size);
			more = more || keep != Keep.NEWEST;
			frame = encode.apply(messages, more);
		}
		return new Fitted(messages, more, frame);
	}

}
