package io.chatspace.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code rooms}, {@code room_members} and {@code direct_rooms} tables. */
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

	/**
	 * @return whether a row was deleted
	 */
	boolean removeMember(long roomId, long userId) {
		return jdbc.sql("delete from room_members where room_id = ? and user_id = ?")
			.params(roomId, userId)
			.update() > 0;
	}

	/**
	 * @return the members with their usernames, by name
	 */
	List<Member> members(long roomId, Long ownerId) {
		return jdbc
			.sql("select u.id, u.username from room_members m join users u on u.id = m.user_id where m.room_id = ? "
					+ "order by u.username_key")
			.param(roomId)
			.query((rs, n) -> new Member(rs.getString(2), ownerId != null && ownerId == rs.getLong(1)))
			.list();
	}

	List<Long> memberIds(long roomId) {
		return jdbc.sql("select user_id from room_members where room_id = ?").param(roomId).query(Long.class).list();
	}

	void insertDirectPair(long roomId, long userLow, long userHigh) {
		jdbc.sql("insert into direct_rooms (room_id, user_low, user_high) values (?, ?, ?)")
			.params(roomId, userLow, userHigh)
			.update();
	}

	Optional<Room> findDirect(long userLow, long userHigh) {
		return jdbc
			.sql("select " + COLUMNS + " from rooms r join direct_rooms d on d.room_id = r.id "
					+ "where d.user_low = ? and d.user_high = ?")
			.params(userLow, userHigh)
			.query(this::room)
			.optional();
	}

	/**
	 * @return the other user's id in a direct room
	 */
	Optional<Long> directPartner(long roomId, long userId) {
		return jdbc
			.sql("select case when user_low = ? then user_high else user_low end from direct_rooms "
					+ "where room_id = ? and (user_low = ? or user_high = ?)")
			.params(userId, roomId, userId, userId)
			.query(Long.class)
			.optional();
	}

	/**
	 * @return room id → the other user's name, for every direct room of the user
	 */
	Map<Long, String> directPartners(long userId) {
		Map<Long, String> partners = new HashMap<>();
		jdbc.sql("select d.room_id, u.username from direct_rooms d join users u "
				+ "on u.id = case when d.user_low = ? then d.user_high else d.user_low end "
				+ "where d.user_low = ? or d.user_high = ?")
			.params(userId, userId, userId)
			.query((RowCallbackHandler) rs -> partners.put(rs.getLong(1), rs.getString(2)));
		return partners;
	}

	Optional<Room> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from rooms r where r.id = ?").param(id).query(this::room).optional();
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
			.sql("select " + COLUMNS + " from rooms r where r.kind = 'public' or exists "
					+ "(select 1 from room_members m where m.room_id = r.id and m.user_id = ?) order by lower(r.name)")
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
