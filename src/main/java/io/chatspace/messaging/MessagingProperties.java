package io.chatspace.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the message log, {@code chatspace.messaging.*}.
 *
 * @param maxBatch the most messages committed in one transaction
 * @param queueCapacity the most messages waiting for the writer; beyond it sends get
 * {@code unavailable}
 * @param nonceTtl how long a client nonce de-duplicates a retried send
 * @param recentPerRoom the newest messages of a room kept in memory for joins, scrolling
 * back and unread counts ({@link RecentMessages}); 0 keeps none. Only for a node that is
 * the log's only writer: the {@code redis} profile (several nodes) sets 0
 * @param recentCacheSize the most memory those messages may take over all rooms
 * (estimated: two bytes per body character and 128 bytes per message)
 * @param localNonces with a JDBC store: whether the nonces of the {@code nonceTtl} window
 * are looked up in this node's memory (rebuilt from the messages at start) instead of the
 * {@code message_nonces} table, whose index keyed by random nonces costs most of each
 * message's commit. Only for a node that is the log's only writer: the {@code redis}
 * profile (several nodes) sets false
 * @param localNonceCapacity with {@code localNonces}: the most nonces kept (about 50
 * bytes each, in arrays of {@code long}s: 12 MB at the default); beyond them the oldest
 * are forgotten before the {@code nonceTtl} is over, so a sustained flood shortens the
 * window instead of filling the heap. The default holds the whole window up to 416
 * messages with a nonce a second
 */
@ConfigurationProperties("chatspace.messaging")
public record MessagingProperties(@DefaultValue("512") int maxBatch, @DefaultValue("20000") int queueCapacity,
		@DefaultValue("10m") Duration nonceTtl, @DefaultValue("200") int recentPerRoom,
		@DefaultValue("16MB") DataSize recentCacheSize, @DefaultValue("true") boolean localNonces,
		@DefaultValue("250000") int localNonceCapacity) {
}
