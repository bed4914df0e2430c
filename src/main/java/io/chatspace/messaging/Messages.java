package io.chatspace.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chatspace.accounts.Account;
import io.chatspace.rooms.Room;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.stereotype.Service;

/**
 * The messaging API other modules use: post a message (validated, rate limited, made
 * durable by group commit) and read a room's history (the newest messages of a room from
 * memory where this node is the only writer, {@link RecentMessages}). Callers check
 * access to the room first ({@link io.chatspace.rooms.Rooms#requireAccessible}).
 */
@Service
public class Messages {

	/** The longest body, in UTF-16 code units after trimming. */
	public static final int MAX_BODY = 4000;

	/** The longest client nonce, in characters. */
	public static final int MAX_NONCE = 64;

	/** The most messages one history page may hold. */
	public static final int MAX_PAGE = 200;

	private final MessageWriter writer;

	private final MessageStore store;

	private final SendRateLimiter rateLimiter;

	private final RecentMessages recent;

	Messages(MessageWriter writer, MessageStore store, SendRateLimiter rateLimiter, RecentMessages recent) {
		this.writer = writer;
		this.store = store;
		this.rateLimiter = rateLimiter;
		this.recent = recent;
	}

	/**
	 * Posts a message. The returned future completes once the message is durable; for a
	 * repeated nonce it completes with the message stored the first time and nothing new
	 * is stored or announced.
	 * @param room a room the author may write to
	 * @param author the author
	 * @param body 1–{@value #MAX_BODY} characters after trimming
	 * @param nonce the client's de-duplication key (1–{@value #MAX_NONCE} characters) or
	 * {@literal null}
	 * @return the stored message
	 * @throws ChatSpaceException at once for {@code bad_request} (empty body, bad nonce),
	 * {@code too_large} (long body) or {@code rate_limited}; the future fails with
	 * {@code unavailable} or {@code internal} when the store does
	 */
	public CompletableFuture<Posted> post(Room room, Account author, String body, String nonce) {
		if (body == null) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "body is required");
		}
		String text = body.strip();
		if (text.isEmpty()) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "body must not be empty");
		}
		if (text.length() > MAX_BODY) {
			throw new ChatSpaceException(ErrorCode.TOO_LARGE, "body must be at most " + MAX_BODY + " characters");
		}
		if (nonce != null && (nonce.isEmpty() || nonce.length() > MAX_NONCE)) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "nonce must be 1-" + MAX_NONCE + " characters");
		}
		if (!rateLimiter.tryAcquire(author.id())) {
			throw new ChatSpaceException(ErrorCode.RATE_LIMITED, "too many messages; slow down");
		}
		var pending = new MessageWriter.Pending(room.id(), room.slug(), author.id(), author.username(), text, nonce,
				new CompletableFuture<>());
		return writer.submit(pending).thenApply(a -> new Posted(a.message(), a.duplicate()));
	}

	/**
	 * @param room the room
	 * @param limit 1–{@value #MAX_PAGE}
	 * @return the newest {@code limit} messages, oldest first
	 */
	public List<Message> latest(Room room, int limit) {
		return recent.latest(room, limit);
	}

	/**
	 * @param room the room
	 * @param beforeId exclusive upper bound
	 * @param limit 1–{@value #MAX_PAGE}
	 * @return the newest {@code limit} messages older than {@code beforeId}, oldest first
	 */
	public List<Message> before(Room room, long beforeId, int limit) {
		return recent.before(room, beforeId, limit);
	}

	/**
	 * @param room the room
	 * @param afterId exclusive lower bound
	 * @param limit the most to return
	 * @return the oldest {@code limit} messages newer than {@code afterId}, oldest first
	 */
	public List<Message> after(Room room, long afterId, int limit) {
		return recent.after(room, afterId, limit);
	}

	/**
	 * @param room the room
	 * @return the id of its newest message, if it has any
	 */
	public java.util.OptionalLong latestId(Room room) {
		return recent.latestId(room);
	}

	/**
	 * @param room the room
	 * @param afterId exclusive lower bound of ids
	 * @param upToId inclusive upper bound of ids
	 * @param reader the reader: their own messages never count
	 * @param cap the most to count
	 * @return how many messages by others have an id in {@code (afterId, upToId]}, at
	 * most {@code cap}
	 */
	public int countUnread(Room room, long afterId, long upToId, Account reader, int cap) {
		return store.countBetween(room, afterId, upToId, reader.id(), cap);
	}

	/**
	 * The outcome of {@link #post}.
	 *
	 * @param message the stored message
	 * @param duplicate whether it was stored by an earlier send with the same nonce
	 */
	public record Posted(Message message, boolean duplicate) {
	}

}
