package io.chatspace.cassandra;

import java.time.Instant;

/**
 * Fixed time windows: a row's bucket is its timestamp (for messages: the id's) divided by
 * the window. The window is stored in the keyspace when it is created, so every node
 * agrees on it.
 *
 * @param millis the window in milliseconds
 */
public record TimeBuckets(long millis) {

	public TimeBuckets {
		if (millis < 1) {
			throw new IllegalArgumentException("a bucket must be at least 1 ms");
		}
	}

	/**
	 * @param time an instant
	 * @return the bucket it falls in
	 */
	public long of(Instant time) {
		return Math.floorDiv(time.toEpochMilli(), millis);
	}

}
