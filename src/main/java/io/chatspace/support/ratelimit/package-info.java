/**
 * Token buckets (Bucket4j) behind one port,
 * {@link io.chatspace.support.ratelimit.TokenBuckets}: in this process's memory for one
 * node, in Redis (Bucket4j's Lettuce integration) for many, so a limit holds for a user
 * or an address whichever node they reach.
 */
package io.chatspace.support.ratelimit;
