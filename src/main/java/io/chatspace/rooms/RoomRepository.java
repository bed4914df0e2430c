package io.chatspace.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code rooms} and {@code room_members} tables. */
@Repository
class RoomRepository {

	private static final String COLUMNS = "r.id, r.slug, r.name, r.kind, r.owner_id";

	private final JdbcClient jdbc;

	RoomRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Room insert(String slug, String name, RoomKind kind, Long ownerId, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into rooms (slug, name, kind, owner_id, created_at) values (?, ?, ?, ?, ?)")
			.params(slug, name, kind.wire(), ownerId, Timestamp.from(now))
			.update(keys, "id");
		return new Room(keys.getKey().longValue(), slug, name, kind, ownerId);
	}

	void addMember(long roomId, long userId, Instant now) {
		jdbc.sql("insert into room_members (room_id, user_id, joined_at) values (?, ?, ?)")
			.params(roomId, userId, Timestamp.from(now))
			.update();
	}

	boolean isMember(long roomId, long userId) {
		return jdbc.sql("select count(*) from room_members where room_id = ? and user_id = ?")
			.params(roomId, userId)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Room> findBySlug(String slug) {
		return jdbc.sql("select " + COLUMNS + " from rooms r where r.slug = ?")
			.param(slug)
			.query(this::room)
			.optional();
	}

	List<Room> visibleTo(long userId) {
		return jdbc
			.sql("select " + COLUMNS + " from rooms r where r.kind = 'public' or (r.kind = 'private' and exists "
					+ "(select 1 from room_members m where m.room_id = r.id and m.user_id = ?)) order by lower(r.name)")
			.param(userId)
			.query(this::room)
			.list();
	}

	private Room room(ResultSet rs, int row) throws SQLException {
		long owner = rs.getLong(5);
		return new Room(rs.getLong(1), rs.getString(2), rs.getString(3), RoomKind.fromWire(rs.getString(4)),
				rs.wasNull() ? null : owner);
	}

}
