/**
 * Presence in Redis (profile {@code redis}), shared by every node: per-room sorted sets
 * and the server-wide online set of user → expiry, renewed by each node's heartbeats, so
 * the users of a node that dies expire; changes announced through Redis pub/sub; typing
 * throttled across nodes.
 */
package io.chatspace.presence.redis;
