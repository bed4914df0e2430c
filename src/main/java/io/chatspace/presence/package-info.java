/**
 * Presence: who is online in each room. One in-process implementation now; the Redis one
 * (shared by all nodes) comes with scale-out.
 */
package io.chatspace.presence;
