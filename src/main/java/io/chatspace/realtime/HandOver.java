package io.chatspace.realtime;

import java.util.Arrays;
import java.util.List;

import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;

/**
 * What a socket provably has of a room after its {@code joined} frame, so that live
 * events it already has are dropped and none it lacks is: the ids of the messages the
 * {@code joined} frame carried, and, after a resume with {@code after}, every message of
 * the node that assigned {@code after} with an id up to it (one node commits and
 * publishes its messages in id order, so the client got all of them before that one).
 * Messages of other nodes are never dropped by id alone: with several nodes a message
 * with a smaller id can be committed and published after one with a larger id.
 *
 * @param ids the ids sent in {@code joined}, sorted
 * @param node the node of {@code after}, or {@code -1} on a fresh join
 * @param upTo {@code after}, or {@code 0}
 */
record HandOver(long[] ids, int node, long upTo) {

	static final HandOver NOTHING = new HandOver(new long[0], -1, 0);

	static HandOver of(List<Message> sent, Long after) {
		long[] ids = sent.stream().mapToLong(Message::id).sorted().toArray();
		return after == null ? new HandOver(ids, -1, 0) : new HandOver(ids, MessageIds.nodeOf(after), after);
	}

	/**
	 * @param id a message id, or {@code 0} for an event that is not a message
	 * @return whether the socket already has that message
	 */
	boolean has(long id) {
		if (id == 0) {
			return false;
		}
		if (node >= 0 && id <= upTo && MessageIds.nodeOf(id) == node) {
			return true;
		}
		return Arrays.binarySearch(ids, id) >= 0;
	}

}
