package io.chatspace.support.datasource;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Look-ups by key that may be answered by the read replica: the query runs in a read-only
 * transaction (the replica, when one is configured); a miss is asked again of the
 * primary, since on an asynchronous replica "not found" may only mean "not replicated
 * yet" (a token issued a millisecond ago, an account just registered).
 */
@Component
public class ReplicaFirst {

	private final TransactionTemplate readOnly;

	private final boolean replicaConfigured;

	ReplicaFirst(PlatformTransactionManager transactions, ObjectProvider<ReplicaReads> replica) {
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.replicaConfigured = replica.getIfAvailable() != null;
	}

	/**
	 * @param query the look-up; runs twice only for a miss on a replica (without a
	 * replica, or while the caller's reads are pinned to the primary, once)
	 * @param <T> what it finds
	 * @return the replica's answer if it found something, else the primary's
	 */
	public <T> Optional<T> find(Supplier<Optional<T>> query) {
		if (!replicaConfigured || ReadYourWrites.pinnedToPrimary()) {
			return query.get();
		}
		Optional<T> found = readOnly.execute(status -> query.get());
		return found != null && found.isPresent() ? found : query.get();
	}

}
