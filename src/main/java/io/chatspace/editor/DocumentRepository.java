package io.chatspace.editor;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code documents} (snapshots) and {@code document_operations} (log) tables. */
@Repository
class DocumentRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	DocumentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<DocumentSnapshot> snapshot(long roomId) {
		return jdbc.sql("select snapshot_rev, snapshot from documents where room_id = ?")
			.param(roomId)
			.query((rs, n) -> new DocumentSnapshot(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	List<DocumentOperation> operationsAfter(long roomId, long rev) {
		return jdbc.sql(
				"select rev, operation, author, client_ref from document_operations where room_id = ? and rev > ? order by rev")
			.params(roomId, rev)
			.query((rs, n) -> new DocumentOperation(rs.getLong(1),
					TextOperation.fromWire(json.readValue(rs.getString(2), Object.class)), rs.getString(3),
					rs.getString(4)))
			.list();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the revision is taken
	 */
	void append(long roomId, DocumentOperation operation, long authorId, Instant now) {
		jdbc.sql("insert into document_operations (room_id, rev, operation, author_id, author, client_ref, created_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(roomId, operation.rev(), json.writeValueAsString(operation.operation().toWire()), authorId,
					operation.author(), operation.clientRef(), Timestamp.from(now))
			.update();
	}

	void saveSnapshot(long roomId, DocumentSnapshot snapshot, Instant now) {
		int updated = jdbc.sql(
				"update documents set snapshot_rev = ?, snapshot = ?, updated_at = ? where room_id = ? and snapshot_rev < ?")
			.params(snapshot.rev(), snapshot.text(), Timestamp.from(now), roomId, snapshot.rev())
			.update();
		if (updated == 0 && snapshot(roomId).isEmpty()) {
			jdbc.sql("insert into documents (room_id, snapshot_rev, snapshot, updated_at) values (?, ?, ?, ?)")
				.params(roomId, snapshot.rev(), snapshot.text(), Timestamp.from(now))
				.update();
		}
	}

}
