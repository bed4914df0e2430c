package io.chatspace.messaging.jdbc;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.ObjLongConsumer;

import io.chatspace.messaging.MessageIds;

/**
 * The nonces of the de-duplication window, in this node's memory: author and nonce → the
 * id of the message they mean (the first sent with them in the window). Right only for a
 * node that is the message log's only writer (every nonce stored passes through it);
 * rebuilt from the {@code nonce} column of the window's messages at the first use, so a
 * restart forgets nothing.
 * <p>
 * One entry (about 150 bytes) per message with a nonce sent within the window
 * ({@code chatspace.messaging.nonce-ttl}), and at most {@code capacity} entries: beyond
 * them the oldest is forgotten first, so a sustained flood shortens the window instead of
 * filling the heap (250 000 entries hold ten minutes of 416 messages a second). The
 * entries are kept in the order of their ids (the order the log's only writer commits
 * them in), which makes forgetting the oldest a walk from the head, not a scan.
 */
final class LocalNonces {

	private final int capacity;

	// guarded by this; insertion order is id order (see stored)
	private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>();

	private boolean loaded;

	/**
	 * @param capacity the most entries kept, at least 1
	 * @throws IllegalArgumentException when {@code capacity} is below 1
	 */
	LocalNonces(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("local nonce capacity must be at least 1, not " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Fills the index from the store the first time it is called; later calls do nothing.
	 * @param since the start of the window
	 * @param store reads the stored messages of the window that have a nonce, in id
	 * order, handing each one's key and id to the consumer it is given
	 */
	synchronized void loadOnce(Instant since, Store store) {
		if (!loaded) {
			store.nonces(MessageIds.firstIdAt(since), this::stored);
			loaded = true;
		}
	}

	/**
	 * @param key the author and nonce ({@link JdbcMessageStore#nonceKey})
	 * @param firstId the first id of the window ({@link MessageIds#firstIdAt})
	 * @return the id of the message sent with them within the window, or {@code null}
	 */
	synchronized Long find(String key, long firstId) {
		Long id = ids.get(key);
		return id != null && id >= firstId ? id : null;
	}

	/**
	 * A message stored (committed) with a nonce: from now on the nonce means it. Called
	 * in the order of the ids, as the log's only writer commits them.
	 */
	synchronized void stored(String key, long id) {
		if (ids.put(key, id) != null) {
			// stored again (the earlier entry outlived the window): to the tail
			ids.remove(key);
			ids.put(key, id);
		}
		if (ids.size() > capacity) {
			Iterator<Long> oldest = ids.values().iterator();
			oldest.next();
			oldest.remove();
		}
	}

	/** Drops the entries of messages sent before {@code cutoff}. */
	synchronized void forgetBefore(Instant cutoff) {
		long first = MessageIds.firstIdAt(cutoff);
		for (Iterator<Long> oldest = ids.values().iterator(); oldest.hasNext() && oldest.next() < first;) {
			oldest.remove();
		}
	}

	/**
	 * @return how many entries are kept
	 */
	synchronized int size() {
		return ids.size();
	}

	/** Where the nonces of a window are read from at the first use. */
	@FunctionalInterface
	interface Store {

		/**
		 * @param firstId the first id of the window ({@link MessageIds#firstIdAt})
		 * @param nonce receives the key ({@link JdbcMessageStore#nonceKey}) and id of
		 * every stored message from {@code firstId} on that has a nonce, in id order
		 */
		void nonces(long firstId, ObjLongConsumer<String> nonce);

	}

}
