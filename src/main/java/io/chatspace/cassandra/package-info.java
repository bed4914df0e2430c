/**
 * Apache Cassandra for the {@code cassandra} profile: the one driver session of the node
 * (connected in the background, so the node starts and keeps serving while Cassandra is
 * down, and recovers by itself), the keyspace and its versioned schema
 * ({@code classpath:cassandra/migration}), time buckets, the health indicator, and the
 * translation of driver failures into Spring's {@code DataAccessException}s. The message
 * store ({@code messaging.cassandra}) and the audit log ({@code audit.cassandra}) use it.
 */
package io.chatspace.cassandra;
