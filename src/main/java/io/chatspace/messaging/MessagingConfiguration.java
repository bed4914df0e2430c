package io.chatspace.messaging;

import io.chatspace.support.redis.NodeIdLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's id generator. Its node id (0–1023, unique per node) is
 * {@code chatspace.node-id} when set; otherwise, with Redis (profile {@code redis}), one
 * leased there; otherwise 0 (a single node).
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

	@Bean
	RecentMessages recentMessages(MessageStore store, MessagingProperties properties) {
		return new RecentMessages(store, properties.recentPerRoom(), properties.recentCacheSize().toBytes());
	}

	@Bean
	MessageIds messageIds(@Value("${chatspace.node-id:#{null}}") Integer nodeId, ObjectProvider<NodeIdLease> lease) {
		if (nodeId != null) {
			return new MessageIds(nodeId);
		}
		NodeIdLease redis = lease.getIfAvailable();
		if (redis != null) {
			return new MessageIds(redis.acquire(MessageIds.MAX_NODE));
		}
		log.debug("chatspace.node-id not set: node id 0");
		return new MessageIds(0);
	}

}
