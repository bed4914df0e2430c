package io.chatspace.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code read_markers} table. */
@Repository
class ReadMarkers {

	private final JdbcClient jdbc;

	ReadMarkers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Moves the marker forward to {@code id}, or sets it when there is none.
	 * @return whether it moved
	 */
	boolean advance(long userId, long roomId, long id, Instant now) {
		if (update(userId, roomId, id, now)) {
			return true;
		}
		if (find(userId, roomId).isPresent()) {
			return false;
		}
		try {
			jdbc.sql("insert into read_markers (user_id, room_id, last_read_id, updated_at) values (?, ?, ?, ?)")
				.params(userId, roomId, id, Timestamp.from(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			// another socket of the user set it at the same moment
			return update(userId, roomId, id, now);
		}
	}

	private boolean update(long userId, long roomId, long id, Instant now) {
		return jdbc
			.sql("update read_markers set last_read_id = ?, updated_at = ? "
					+ "where user_id = ? and room_id = ? and last_read_id < ?")
			.params(id, Timestamp.from(now), userId, roomId, id)
			.update() > 0;
	}

	Optional<Long> find(long userId, long roomId) {
		return jdbc.sql("select last_read_id from read_markers where user_id = ? and room_id = ?")
			.params(userId, roomId)
			.query(Long.class)
			.optional();
	}

	/**
	 * @return room id → marker, for every room the user has a marker in
	 */
	Map<Long, Long> of(long userId) {
		Map<Long, Long> markers = new HashMap<>();
		jdbc.sql("select room_id, last_read_id from read_markers where user_id = ?")
			.param(userId)
			.query((RowCallbackHandler) rs -> markers.put(rs.getLong(1), rs.getLong(2)));
		return markers;
	}

	/**
	 * @return the account ids of everyone with a marker in the room
	 */
	List<Long> readers(long roomId) {
		return jdbc.sql("select user_id from read_markers where room_id = ?").param(roomId).query(Long.class).list();
	}

}
