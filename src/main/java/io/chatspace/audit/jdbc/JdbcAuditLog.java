package io.chatspace.audit.jdbc;

import java.sql.Timestamp;
import java.util.List;

import io.chatspace.audit.AuditEvent;
import io.chatspace.audit.AuditLog;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link AuditLog} in the relational database ({@code audit_events}, indexed by room and
 * id); every profile but {@code cassandra}.
 */
@Repository
@Profile("!cassandra")
class JdbcAuditLog implements AuditLog {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	JdbcAuditLog(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	@Override
	public void appendAll(List<AuditEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		// an event stored before (a retried batch) is not stored twice
		java.util.Set<Long> stored = new java.util.HashSet<>(jdbc.sql("select id from audit_events where id in (:ids)")
			.param("ids", events.stream().map(AuditEvent::id).toList())
			.query(Long.class)
			.list());
		List<AuditEvent> fresh = events.stream().filter(e -> !stored.contains(e.id())).toList();
		template.batchUpdate("insert into audit_events (id, room_id, room, type, username, actor, node, at) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?)", fresh, fresh.size(), (ps, e) -> {
					ps.setLong(1, e.id());
					ps.setLong(2, e.roomId());
					ps.setString(3, e.room());
					ps.setString(4, e.type());
					ps.setString(5, e.user());
					ps.setString(6, e.actor());
					ps.setString(7, e.node());
					ps.setTimestamp(8, Timestamp.from(e.at()));
				});
	}

	@Override
	public List<AuditEvent> before(long roomId, long beforeId, int limit) {
		// matches the (room_id, id) index in reverse (see JdbcMessageStore.before)
		return jdbc
			.sql("select id, room_id, room, type, username, actor, node, at from audit_events "
					+ "where room_id = ? and id < ? order by room_id desc, id desc limit ?")
			.params(roomId, beforeId, limit)
			.query((rs, n) -> new AuditEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
			.list();
	}

}
