package io.chatspace.cassandra;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The buckets of each room that hold rows, in a table
 * {@code (room_id bigint, bucket bigint, PRIMARY KEY (room_id, bucket))} clustered by
 * bucket descending. Writers record a bucket before they write rows into it (once per
 * node: recorded buckets are remembered); readers walk the recorded buckets only, so a
 * read never probes an empty time window, and the smallest recorded bucket is the floor
 * below which a room has nothing.
 */
public final class KnownBuckets {

	private static final int PAGE = 32;

	private final CassandraConnection connection;

	private final String table;

	private final Cache<RoomBucket, Boolean> recorded = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofHours(6))
		.build();

	/**
	 * @param connection the connection
	 * @param table the table's name in the keyspace
	 */
	public KnownBuckets(CassandraConnection connection, String table) {
		this.connection = connection;
		this.table = table;
	}

	/**
	 * Records that a room has rows in a bucket, unless this node did so before.
	 * @return completes once the bucket is recorded
	 */
	public CompletableFuture<Void> record(long roomId, long bucket) {
		RoomBucket key = new RoomBucket(roomId, bucket);
		if (recorded.getIfPresent(key) != null) {
			return CompletableFuture.completedFuture(null);
		}
		var insert = connection.prepare("INSERT INTO ${keyspace}." + table + " (room_id, bucket) VALUES (?, ?)")
			.bind(roomId, bucket)
			.setIdempotent(true);
		return connection.executeAsync(insert).thenRun(() -> recorded.put(key, Boolean.TRUE));
	}

	/**
	 * @return the room's recorded buckets at or below {@code from}, newest first, read a
	 * page at a time as the iteration goes
	 */
	public Iterator<Long> descending(long roomId, long from) {
		return new Walk(roomId, from, true);
	}

	/**
	 * @return the room's recorded buckets at or above {@code from}, oldest first, read a
	 * page at a time as the iteration goes
	 */
	public Iterator<Long> ascending(long roomId, long from) {
		return new Walk(roomId, from, false);
	}

	private record RoomBucket(long roomId, long bucket) {
	}

	private final class Walk implements Iterator<Long> {

		private final long roomId;

		private final boolean descending;

		private final Deque<Long> page = new ArrayDeque<>();

		private long next;

		private boolean exhausted;

		Walk(long roomId, long from, boolean descending) {
			this.roomId = roomId;
			this.next = from;
			this.descending = descending;
		}

		@Override
		public boolean hasNext() {
			if (page.isEmpty() && !exhausted) {
				fetch();
			}
			return !page.isEmpty();
		}

		@Override
		public Long next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return page.poll();
		}

		private void fetch() {
			String cql = descending
					? "SELECT bucket FROM ${keyspace}." + table + " WHERE room_id = ? AND bucket <= ? LIMIT ?"
					: "SELECT bucket FROM ${keyspace}." + table
							+ " WHERE room_id = ? AND bucket >= ? ORDER BY bucket ASC LIMIT ?";
			int count = 0;
			for (Row row : connection.execute(connection.prepare(cql).bind(roomId, next, PAGE))) {
				long bucket = row.getLong(0);
				page.add(bucket);
				next = descending ? bucket - 1 : bucket + 1;
				count++;
			}
			exhausted = count < PAGE;
		}

	}

}
