package io.chatspace.messaging;

import java.time.Instant;
import java.util.List;

import io.chatspace.rooms.Room;

/**
 * The durable message log, one per deployment (JDBC by default). Implementations must
 * make {@link #appendAll(List)} durable before returning: a message returned from it
 * survives a crash of the process that called it.
 * <p>
 * Every read returns messages oldest first (ascending id).
 */
public interface MessageStore {

	/**
	 * Appends a batch in one transaction (group commit). A draft whose {@code nonce} the
	 * same author used at or after {@code nonceSince} (also earlier in the same batch) is
	 * not stored again; its result is the message stored the first time.
	 * @param drafts messages with ids already assigned, in id order
	 * @param nonceSince the start of the de-duplication window
	 * @return one result per draft, in the same order
	 * @throws org.springframework.dao.DataAccessException when the store fails; then
	 * nothing of the batch is stored
	 */
	List<Appended> appendAll(List<Draft> drafts, Instant nonceSince);

	/**
	 * Forgets nonces older than the de-duplication window. Called about once a minute; a
	 * store whose nonces expire by themselves (a TTL) need not override it.
	 * @param cutoff nonces used before this instant may be forgotten
	 */
	default void forgetNoncesBefore(Instant cutoff) {
	}

	/**
	 * @param room the room
	 * @param beforeId exclusive upper bound of ids, {@link Long#MAX_VALUE} for the newest
	 * @param limit the most messages to return
	 * @return the newest {@code limit} messages with id below {@code beforeId}, oldest
	 * first
	 */
	List<Message> before(Room room, long beforeId, int limit);

	/**
	 * @param room the room
	 * @param afterId exclusive lower bound of ids
	 * @param limit the most messages to return
	 * @return the oldest {@code limit} messages with id above {@code afterId}, oldest
	 * first
	 */
	List<Message> after(Room room, long afterId, int limit);

	/**
	 * Counts the messages with an id in {@code (afterId, upToId]} by anyone but
	 * {@code readerId}, up to {@code cap}: a part of an unread count, so that a count can
	 * be carried forward a range at a time.
	 * @param room the room
	 * @param afterId exclusive lower bound of ids
	 * @param upToId inclusive upper bound of ids ({@link Long#MAX_VALUE}: none)
	 * @param readerId the reader's account id: their own messages are not counted
	 * @param cap the most to count; a result of {@code cap} means "at least that many"
	 * @return the count, at most {@code cap}; 0 for an empty range or a cap of 0
	 */
	int countBetween(Room room, long afterId, long upToId, long readerId, int cap);

	/**
	 * A message to append.
	 *
	 * @param message the message, id assigned
	 * @param roomId the room's database id
	 * @param authorId the author's account id
	 * @param nonce the client's de-duplication key, or {@literal null}
	 */
	record Draft(Message message, long roomId, long authorId, String nonce) {
	}

	/**
	 * The outcome of one draft.
	 *
	 * @param message the stored message (the earlier one for a repeated nonce)
	 * @param duplicate whether the nonce was seen before and nothing new was stored
	 */
	record Appended(Message message, boolean duplicate) {
	}

}
