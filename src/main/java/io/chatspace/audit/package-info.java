/**
 * The audit log: who joined and left which room, room creation and membership changes,
 * when and on which node. Fed by application events of other modules
 * ({@code RoomCreated}, {@code MemberAdded}, {@code MemberRemoved}, {@code MemberJoined},
 * {@code MemberLeft}), written in the background by the
 * {@link io.chatspace.audit.AuditRecorder}, stored behind the
 * {@link io.chatspace.audit.AuditLog} port (JDBC by default, Cassandra with the
 * {@code cassandra} profile), read by room owners at {@code /api/rooms/{slug}/audit} and
 * {@code /rooms/{slug}/audit}.
 */
package io.chatspace.audit;
