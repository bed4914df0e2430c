package io.chatspace.messaging.jdbc;

import java.time.Instant;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

import io.chatspace.messaging.MessageIds;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayQueue;

/**
 * The nonces of the de-duplication window, in this node's memory: a 64-bit hash of author
 * and nonce → the id of the message they mean (the newest stored with them). Right only
 * for a node that is the message log's only writer (every nonce stored passes through
 * it); rebuilt from the {@code nonce} column of the window's messages at the first use,
 * so a restart forgets nothing.
 * <p>
 * Two keys may share a hash, so an id {@link #find found} here is a candidate: the caller
 * reads that message and checks its author and nonce before it treats a send as a retry
 * ({@link JdbcMessageStore}). When two keys of the window share a hash, the newer one
 * hides the older (a retry of the older is then stored again): with 64-bit hashes and 250
 * 000 keys, about once in 10<sup>14</sup> sends.
 * <p>
 * At most {@code capacity} nonces are kept, the last ones stored: beyond them the oldest
 * is forgotten first, so a sustained flood shortens the window instead of filling the
 * heap (250 000 hold ten minutes of 416 messages a second). Nothing here is an object per
 * nonce: an open-addressing table of {@code long}s (Agrona's {@link Long2LongHashMap})
 * and two queues of {@code long}s (Agrona's {@link LongArrayQueue}, ring buffers) of the
 * stored hashes and ids in the order of the ids (the order the log's only writer commits
 * them in), which makes forgetting the oldest a step from the head, not a scan. About 50
 * bytes a nonce (12 MB at 250 000: the table at most 65% full, and the queues), against
 * about 150 bytes of objects a nonce in a map of strings, which lived for minutes, so
 * that every young GC copied them, up to fifteen times, before they were old enough to be
 * promoted (docs/performance.md, "Results, 2026-12-07, second session").
 */
final class LocalNonces {

	/** Neither an id (snowflake ids are positive) nor a key's hash ({@link #hashOf}). */
	private static final long ABSENT = 0;

	private static final int INITIAL_CAPACITY = 1024;

	private final int capacity;

	private final ToLongFunction<String> hash;

	// guarded by this: hash → id of the newest message stored with a key of that hash
	private final Long2LongHashMap ids = new Long2LongHashMap(INITIAL_CAPACITY, 0.65f, ABSENT);

	// guarded by this: what was stored, oldest first, a hash and an id each
	private final LongArrayQueue storedHashes = new LongArrayQueue(INITIAL_CAPACITY, ABSENT);

	private final LongArrayQueue storedIds = new LongArrayQueue(INITIAL_CAPACITY, ABSENT);

	private boolean loaded;

	/**
	 * @param capacity the most nonces kept, at least 1
	 * @throws IllegalArgumentException when {@code capacity} is below 1
	 */
	LocalNonces(int capacity) {
		this(capacity, LocalNonces::hash);
	}

	/**
	 * @param capacity the most nonces kept, at least 1
	 * @param hash the 64-bit hash of a key (tests give one with collisions)
	 * @throws IllegalArgumentException when {@code capacity} is below 1
	 */
	LocalNonces(int capacity, ToLongFunction<String> hash) {
		if (capacity < 1) {
			throw new IllegalArgumentException("local nonce capacity must be at least 1, not " + capacity);
		}
		this.capacity = capacity;
		this.hash = hash;
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
	 * @return the id of the message stored within the window with this key or with
	 * another of the same hash (the caller tells them apart), or {@code null}
	 */
	synchronized Long find(String key, long firstId) {
		long id = ids.get(hashOf(key));
		return id != ABSENT && id >= firstId ? id : null;
	}

	/**
	 * A message stored (committed) with a nonce: from now on the nonce means it. Called
	 * in the order of the ids, as the log's only writer commits them.
	 * @param key the author and nonce ({@link JdbcMessageStore#nonceKey})
	 * @param id the message's id, above every id stored before (snowflake ids are
	 * positive, so never the table's mark for "absent", 0)
	 */
	synchronized void stored(String key, long id) {
		long h = hashOf(key);
		ids.put(h, id);
		if (storedIds.size() == capacity) {
			forgetOldest();
		}
		storedHashes.offerLong(h);
		storedIds.offerLong(id);
	}

	/**
	 * Drops the nonces of messages sent before {@code cutoff}.
	 * @param cutoff the new start of the window
	 */
	synchronized void forgetBefore(Instant cutoff) {
		long first = MessageIds.firstIdAt(cutoff);
		while (!storedIds.isEmpty() && storedIds.peekLong() < first) {
			forgetOldest();
		}
	}

	/**
	 * @return how many distinct nonces (hashes) are kept
	 */
	synchronized int size() {
		return ids.size();
	}

	private void forgetOldest() {
		// a key stored again since maps to a newer id: that mapping stays
		ids.remove(storedHashes.pollLong(), storedIds.pollLong());
	}

	private long hashOf(String key) {
		long h = hash.applyAsLong(key);
		// the queue's mark for "empty" is never offered (a hit is checked by the caller)
		return h == ABSENT ? 1 : h;
	}

	/**
	 * FNV-1a over the key's UTF-16 code units, then MurmurHash3's 64-bit finalizer
	 * ({@code fmix64}) to spread the bits the table's slot is taken from.
	 * @param key a key
	 * @return its hash
	 */
	static long hash(String key) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < key.length(); i++) {
			h ^= key.charAt(i);
			h *= 0x100000001b3L;
		}
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
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
