/**
 * The {@link io.chatspace.realtime.Broker} on Redis pub/sub (profile {@code redis}): one
 * channel per topic, subscribed only by nodes with local sockets on it, one
 * {@code PUBLISH} per event.
 */
package io.chatspace.realtime.redis;
