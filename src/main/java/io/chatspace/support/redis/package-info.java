/**
 * Redis for a deployment of many nodes (profile {@code redis}): the Lettuce client of
 * Spring Data Redis configured from Spring Boot's {@code spring.data.redis.*}, the key
 * and channel namespace ({@code chatspace.redis.prefix}), pub/sub channels that survive
 * reconnects and tell their listeners about gaps
 * ({@link io.chatspace.support.redis.RedisChannels}), and the lease of a node id
 * ({@link io.chatspace.support.redis.NodeIdLease}).
 */
package io.chatspace.support.redis;
