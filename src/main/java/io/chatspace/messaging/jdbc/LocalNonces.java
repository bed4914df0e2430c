package io.chatspace.messaging.jdbc;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import io.chatspace.messaging.MessageIds;

/**
 * The nonces of the de-duplication window, in this node's memory: author and nonce → the
 * id of the message they mean (the first sent with them in the window). Right only for a
 * node that is the message log's only writer (every nonce stored passes through it);
 * rebuilt from the {@code nonce} column of the window's messages at the first use, so a
 * restart forgets nothing. One entry per message with a nonce sent within the window
 * ({@code chatspace.messaging.nonce-ttl}).
 */
final class LocalNonces {

	private final Map<String, Long> ids = new ConcurrentHashMap<>();

	private volatile boolean loaded;

	/**
	 * Fills the index from the store the first time it is called; later calls do nothing.
	 * @param since the start of the window
	 * @param load given the first id of the window, returns key → id of every stored
	 * message of the window that has a nonce (the newest one for a key)
	 */
	void loadOnce(Instant since, LongFunction<Map<String, Long>> load) {
		if (loaded) {
			return;
		}
		synchronized (this) {
			if (!loaded) {
				ids.putAll(load.apply(MessageIds.firstIdAt(since)));
				loaded = true;
			}
		}
	}

	/**
	 * @param key the author and nonce ({@link JdbcMessageStore#nonceKey})
	 * @param firstId the first id of the window ({@link MessageIds#firstIdAt})
	 * @return the id of the message sent with them within the window, or {@code null}
	 */
	Long find(String key, long firstId) {
		Long id = ids.get(key);
		return id != null && id >= firstId ? id : null;
	}

	/** A message stored (committed) with a nonce: from now on the nonce means it. */
	void stored(String key, long id) {
		ids.put(key, id);
	}

	/** Drops the entries of messages sent before {@code cutoff}. */
	void forgetBefore(Instant cutoff) {
		long first = MessageIds.firstIdAt(cutoff);
		ids.values().removeIf(id -> id < first);
	}

}
