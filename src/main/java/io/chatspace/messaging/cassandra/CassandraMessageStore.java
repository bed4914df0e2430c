package io.chatspace.messaging.cassandra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatspace.cassandra.CassandraConnection;
import io.chatspace.cassandra.KnownBuckets;
import io.chatspace.cassandra.TimeBuckets;
import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.MessageStore;
import io.chatspace.rooms.Room;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Repository;

/**
 * {@link MessageStore} in Apache Cassandra (profile {@code cassandra}). A room's history
 * is partitioned by {@code (room_id, bucket)}, the bucket a fixed time window of the
 * message id's timestamp, clustered by id descending; {@code message_buckets} lists the
 * buckets that hold messages, so reads walk only those.
 * <p>
 * A batch is written in two steps, both asynchronous and joined before {@link #appendAll}
 * returns: first the nonces (with a TTL of the de-duplication window) and any bucket this
 * node has not recorded yet, then the messages as one unlogged batch per partition (split
 * when large). Everything is written at the configured consistency
 * ({@code LOCAL_QUORUM}), so an acknowledged message is on a quorum of replicas.
 * <p>
 * Cassandra has no transaction across partitions: when a write fails, part of the batch
 * may be stored although every sender gets {@code unavailable}. A retry with the same
 * nonce then returns the stored message instead of storing it again (a nonce whose
 * message was not stored is taken over by the retry), and a message is never announced
 * unless its whole batch succeeded.
 */
@Repository
@Profile("cassandra")
class CassandraMessageStore implements MessageStore {

	private static final int SPLIT_STATEMENTS = 100;

	private final CassandraConnection connection;

	private final KnownBuckets knownBuckets;

	CassandraMessageStore(CassandraConnection connection) {
		this.connection = connection;
		this.knownBuckets = new KnownBuckets(connection, "message_buckets");
	}

	@Override
	public List<Appended> appendAll(List<Draft> drafts, Instant nonceSince) {
		TimeBuckets buckets = connection.buckets();
		List<Appended> results = new ArrayList<>(Collections.nCopies(drafts.size(), null));
		Map<String, Message> earlier = earlierByNonce(drafts, nonceSince);

		// 1. the nonces of new messages and buckets not recorded yet
		List<Draft> fresh = new ArrayList<>(drafts.size());
		Map<String, Message> batchNonces = new HashMap<>();
		List<CompletableFuture<?>> first = new ArrayList<>();
		Set<List<Long>> partitions = new LinkedHashSet<>();
		for (int i = 0; i < drafts.size(); i++) {
			Draft draft = drafts.get(i);
			if (draft.nonce() != null) {
				String key = key(draft.authorId(), draft.nonce());
				Message seen = batchNonces.getOrDefault(key, earlier.get(key));
				if (seen != null) {
					results.set(i, new Appended(seen, true));
					continue;
				}
				batchNonces.put(key, draft.message());
				first.add(connection.executeAsync(nonceInsert(draft, nonceSince)));
			}
			results.set(i, new Appended(draft.message(), false));
			fresh.add(draft);
			partitions.add(List.of(draft.roomId(), bucket(buckets, draft.message().id())));
		}
		for (List<Long> partition : partitions) {
			first.add(knownBuckets.record(partition.get(0), partition.get(1)));
		}
		joinAll(first);

		// 2. the messages, one unlogged batch per partition
		Map<List<Long>, List<BoundStatement>> byPartition = new LinkedHashMap<>();
		var insert = connection.prepare(
				"INSERT INTO ${keyspace}.messages (room_id, bucket, id, author_id, author, body) VALUES (?, ?, ?, ?, ?, ?)");
		for (Draft draft : fresh) {
			Message m = draft.message();
			long bucket = bucket(buckets, m.id());
			byPartition.computeIfAbsent(List.of(draft.roomId(), bucket), p -> new ArrayList<>())
				.add(insert.bind(draft.roomId(), bucket, m.id(), draft.authorId(), m.author(), m.body())
					.setIdempotent(true));
		}
		List<CompletableFuture<?>> writes = new ArrayList<>();
		long maxBytes = connection.settings().maxBatchBytes().toBytes();
		for (List<BoundStatement> statements : byPartition.values()) {
			BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
			long bytes = 0;
			for (BoundStatement statement : statements) {
				long size = 64 + statement.getString(5).getBytes(StandardCharsets.UTF_8).length;
				if (batch.getStatementsCount() > 0
						&& (bytes + size > maxBytes || batch.getStatementsCount() >= SPLIT_STATEMENTS)) {
					writes.add(connection.executeAsync(batch.setIdempotence(true).build()));
					batch = BatchStatement.builder(BatchType.UNLOGGED);
					bytes = 0;
				}
				batch.addStatement(statement);
				bytes += size;
			}
			writes.add(connection.executeAsync(batch.setIdempotence(true).build()));
		}
		joinAll(writes);
		return results;
	}

	/**
	 * @return for each nonce of the batch that an earlier, stored message of the same
	 * author used within the window: that message
	 */
	private Map<String, Message> earlierByNonce(List<Draft> drafts, Instant nonceSince) {
		Map<String, CompletableFuture<AsyncResultSet>> lookups = new LinkedHashMap<>();
		for (Draft draft : drafts) {
			if (draft.nonce() != null) {
				lookups.computeIfAbsent(key(draft.authorId(), draft.nonce()),
						k -> connection.executeAsync(
								connection
									.prepare("SELECT message_id, room_id, room FROM ${keyspace}.message_nonces "
											+ "WHERE author_id = ? AND nonce = ?")
									.bind(draft.authorId(), draft.nonce())));
			}
		}
		if (lookups.isEmpty()) {
			return Map.of();
		}
		joinAll(new ArrayList<>(lookups.values()));
		Map<String, NonceRow> found = new HashMap<>();
		lookups.forEach((key, lookup) -> {
			Row row = lookup.join().one();
			if (row != null && !MessageIds.timestampOf(row.getLong(0)).isBefore(nonceSince)) {
				found.put(key, new NonceRow(row.getLong(0), row.getLong(1), row.getString(2)));
			}
		});
		if (found.isEmpty()) {
			return Map.of();
		}
		// the nonce counts only if its message was stored (its batch may have failed)
		TimeBuckets buckets = connection.buckets();
		Map<String, CompletableFuture<AsyncResultSet>> messages = new LinkedHashMap<>();
		found.forEach((key, nonce) -> messages.put(key,
				connection.executeAsync(connection.prepare(
						"SELECT id, author, body FROM ${keyspace}.messages WHERE room_id = ? AND bucket = ? AND id = ?")
					.bind(nonce.roomId(), bucket(buckets, nonce.messageId()), nonce.messageId()))));
		joinAll(new ArrayList<>(messages.values()));
		Map<String, Message> earlier = new HashMap<>();
		messages.forEach((key, lookup) -> {
			Row row = lookup.join().one();
			if (row != null) {
				earlier.put(key, message(row, found.get(key).room()));
			}
		});
		return earlier;
	}

	private BoundStatement nonceInsert(Draft draft, Instant nonceSince) {
		long ttl = Math.max(1, Duration.between(nonceSince, draft.message().sentAt()).toSeconds() + 1);
		return connection
			.prepare("INSERT INTO ${keyspace}.message_nonces (author_id, nonce, message_id, room_id, room) "
					+ "VALUES (?, ?, ?, ?, ?) USING TTL ?")
			.bind(draft.authorId(), draft.nonce(), draft.message().id(), draft.roomId(), draft.message().room(),
					(int) Math.min(ttl, Integer.MAX_VALUE))
			.setIdempotent(true);
	}

	@Override
	public List<Message> before(Room room, long beforeId, int limit) {
		if (beforeId <= 0 || limit <= 0) {
			return List.of();
		}
		TimeBuckets buckets = connection.buckets();
		List<Message> newestFirst = new ArrayList<>(Math.min(limit, 1024));
		Iterator<Long> walk = knownBuckets.descending(room.id(), bucket(buckets, beforeId));
		while (newestFirst.size() < limit && walk.hasNext()) {
			long bucket = walk.next();
			for (Row row : connection.execute(connection
				.prepare("SELECT id, author, body FROM ${keyspace}.messages "
						+ "WHERE room_id = ? AND bucket = ? AND id < ? LIMIT ?")
				.bind(room.id(), bucket, beforeId, limit - newestFirst.size()))) {
				newestFirst.add(message(row, room.slug()));
			}
		}
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	@Override
	public List<Message> after(Room room, long afterId, int limit) {
		if (limit <= 0 || afterId == Long.MAX_VALUE) {
			return List.of();
		}
		TimeBuckets buckets = connection.buckets();
		List<Message> oldestFirst = new ArrayList<>(Math.min(limit, 1024));
		Iterator<Long> walk = knownBuckets.ascending(room.id(),
				afterId < 0 ? Long.MIN_VALUE : bucket(buckets, afterId));
		while (oldestFirst.size() < limit && walk.hasNext()) {
			long bucket = walk.next();
			for (Row row : connection.execute(connection
				.prepare("SELECT id, author, body FROM ${keyspace}.messages "
						+ "WHERE room_id = ? AND bucket = ? AND id > ? ORDER BY id ASC LIMIT ?")
				.bind(room.id(), bucket, afterId, limit - oldestFirst.size()))) {
				oldestFirst.add(message(row, room.slug()));
			}
		}
		return oldestFirst;
	}

	@Override
	public int countBetween(Room room, long afterId, long upToId, long readerId, int cap) {
		if (cap <= 0 || upToId <= afterId) {
			return 0;
		}
		TimeBuckets buckets = connection.buckets();
		long lastBucket = upToId == Long.MAX_VALUE ? Long.MAX_VALUE : bucket(buckets, upToId);
		int count = 0;
		Iterator<Long> walk = knownBuckets.ascending(room.id(),
				afterId < 0 ? Long.MIN_VALUE : bucket(buckets, afterId));
		while (count < cap && walk.hasNext()) {
			long bucket = walk.next();
			if (bucket > lastBucket) {
				break;
			}
			// the reader's own messages are skipped, so rows are read a page at a time
			// until the cap is reached
			for (Row row : connection.execute(connection
				.prepare("SELECT author_id FROM ${keyspace}.messages "
						+ "WHERE room_id = ? AND bucket = ? AND id > ? AND id <= ? ORDER BY id ASC")
				.bind(room.id(), bucket, afterId, upToId)
				.setPageSize(Math.min(cap + 32, 1000)))) {
				if (row.getLong(0) != readerId && ++count >= cap) {
					break;
				}
			}
		}
		return count;
	}

	private static long bucket(TimeBuckets buckets, long id) {
		return buckets.of(MessageIds.timestampOf(id));
	}

	private static Message message(Row row, String room) {
		long id = row.getLong(0);
		return new Message(id, room, row.getString(1), row.getString(2), MessageIds.timestampOf(id));
	}

	private static String key(long authorId, String nonce) {
		return authorId + "\u0000" + nonce;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void joinAll(List<? extends CompletableFuture<?>> futures) {
		CassandraConnection.joinAll((List) futures);
	}

	private record NonceRow(long messageId, long roomId, String room) {
	}

}
