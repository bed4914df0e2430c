package io.chatspace.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the message log, {@code chatspace.messaging.*}.
 *
 * @param maxBatch the most messages committed in one transaction
 * @param queueCapacity the most messages waiting for the writer; beyond it sends get
 * {@code unavailable}
 * @param nonceTtl how long a client nonce de-duplicates a retried send
 */
@ConfigurationProperties("chatspace.messaging")
record MessagingProperties(@DefaultValue("512") int maxBatch, @DefaultValue("20000") int queueCapacity,
		@DefaultValue("10m") Duration nonceTtl) {
}
