package io.chatspace.audit.cassandra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatspace.audit.AuditEvent;
import io.chatspace.audit.AuditLog;
import io.chatspace.cassandra.CassandraConnection;
import io.chatspace.cassandra.KnownBuckets;
import io.chatspace.cassandra.TimeBuckets;
import io.chatspace.messaging.MessageIds;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Repository;

/**
 * {@link AuditLog} in Cassandra (profile {@code cassandra}): {@code audit_events}
 * partitioned by {@code (room_id, bucket)} (the time bucket of the event id), newest
 * first, with {@code audit_buckets} listing the buckets that hold events.
 */
@Repository
@Profile("cassandra")
class CassandraAuditLog implements AuditLog {

	private static final int SPLIT_STATEMENTS = 100;

	private final CassandraConnection connection;

	private final KnownBuckets knownBuckets;

	CassandraAuditLog(CassandraConnection connection) {
		this.connection = connection;
		this.knownBuckets = new KnownBuckets(connection, "audit_buckets");
	}

	@Override
	public void appendAll(List<AuditEvent> events) {
		TimeBuckets buckets = connection.buckets();
		Map<List<Long>, List<BoundStatement>> byPartition = new LinkedHashMap<>();
		var insert = connection.prepare("INSERT INTO ${keyspace}.audit_events "
				+ "(room_id, bucket, id, room, type, username, actor, node, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
		for (AuditEvent e : events) {
			long bucket = buckets.of(MessageIds.timestampOf(e.id()));
			byPartition.computeIfAbsent(List.of(e.roomId(), bucket), p -> new ArrayList<>())
				.add(insert.bind(e.roomId(), bucket, e.id(), e.room(), e.type(), e.user(), e.actor(), e.node(), e.at())
					.setIdempotent(true));
		}
		List<CompletableFuture<?>> recorded = new ArrayList<>();
		byPartition.keySet().forEach(p -> recorded.add(knownBuckets.record(p.get(0), p.get(1))));
		joinAll(recorded);
		List<CompletableFuture<?>> writes = new ArrayList<>();
		for (List<BoundStatement> statements : byPartition.values()) {
			for (int from = 0; from < statements.size(); from += SPLIT_STATEMENTS) {
				List<BoundStatement> part = statements.subList(from,
						Math.min(statements.size(), from + SPLIT_STATEMENTS));
				writes.add(connection.executeAsync(BatchStatement.builder(BatchType.UNLOGGED)
					.addStatements(new ArrayList<>(part))
					.setIdempotence(true)
					.build()));
			}
		}
		joinAll(writes);
	}

	@Override
	public List<AuditEvent> before(long roomId, long beforeId, int limit) {
		if (beforeId <= 0 || limit <= 0) {
			return List.of();
		}
		TimeBuckets buckets = connection.buckets();
		List<AuditEvent> newestFirst = new ArrayList<>(Math.min(limit, 1024));
		Iterator<Long> walk = knownBuckets.descending(roomId, buckets.of(MessageIds.timestampOf(beforeId)));
		while (newestFirst.size() < limit && walk.hasNext()) {
			long bucket = walk.next();
			for (Row row : connection.execute(connection
				.prepare("SELECT id, room, type, username, actor, node, at FROM ${keyspace}.audit_events "
						+ "WHERE room_id = ? AND bucket = ? AND id < ? LIMIT ?")
				.bind(roomId, bucket, beforeId, limit - newestFirst.size()))) {
				newestFirst.add(new AuditEvent(row.getLong(0), roomId, row.getString(1), row.getString(2),
						row.getString(3), row.getString(4), row.getString(5), row.get(6, Instant.class)));
			}
		}
		return newestFirst;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void joinAll(List<? extends CompletableFuture<?>> futures) {
		CassandraConnection.joinAll((List) futures);
	}

}
