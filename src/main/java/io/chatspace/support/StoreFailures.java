package io.chatspace.support;

import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The one rule for failures of a store (database, Cassandra): a
 * {@link DataAccessException} or a {@link TransactionException} (no connection to even
 * begin a transaction) means the store is unavailable and the client may retry — protocol
 * code {@code unavailable}, HTTP 503 — never {@code internal}.
 */
public final class StoreFailures {

	private StoreFailures() {
	}

	/**
	 * @param failure any failure
	 * @return whether it is a store being down or failing
	 */
	public static boolean isStoreFailure(Throwable failure) {
		return failure instanceof DataAccessException || failure instanceof TransactionException;
	}

	/**
	 * @param failure a failure while serving a client
	 * @return a {@link ChatSpaceException} as is; a store failure as {@code unavailable};
	 * anything else as {@code internal} (the cause kept for the log, never sent)
	 */
	public static ChatSpaceException toChatSpace(RuntimeException failure) {
		if (failure instanceof ChatSpaceException chatSpace) {
			return chatSpace;
		}
		if (isStoreFailure(failure)) {
			return new ChatSpaceException(ErrorCode.UNAVAILABLE, "a store the server needs is unavailable; retry later",
					Map.of(), failure);
		}
		return new ChatSpaceException(ErrorCode.INTERNAL, "internal error", Map.of(), failure);
	}

}
