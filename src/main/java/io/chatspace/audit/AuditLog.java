package io.chatspace.audit;

import java.util.List;

/**
 * Where audit events are stored, by room and time: JDBC by default ({@code audit.jdbc}),
 * Cassandra with the {@code cassandra} profile ({@code audit.cassandra}).
 */
public interface AuditLog {

	/**
	 * Stores events durably before returning.
	 * @param events events of any rooms, ids assigned
	 * @throws org.springframework.dao.DataAccessException when the store fails (the
	 * events may then be stored in part; storing the same event again is harmless)
	 */
	void appendAll(List<AuditEvent> events);

	/**
	 * @param roomId the room
	 * @param beforeId exclusive upper bound of ids, {@link Long#MAX_VALUE} for the newest
	 * @param limit the most events to return
	 * @return the newest {@code limit} events of the room with id below {@code beforeId},
	 * newest first
	 */
	List<AuditEvent> before(long roomId, long beforeId, int limit);

}
