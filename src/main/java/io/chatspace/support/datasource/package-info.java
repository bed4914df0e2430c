/**
 * Read replicas: when {@code chatspace.datasource.replica.url} is set, read-only
 * transactions go to the replica and everything else to the primary, a user's reads stay
 * on the primary for a moment after that user wrote (read-your-writes), and a replica
 * that cannot be reached is skipped (reads fall back to the primary, the {@code replica}
 * health indicator says so).
 */
package io.chatspace.support.datasource;
