package io.chatspace.messaging;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node's id generator, from {@code chatspace.node-id} (0–1023, unique per node). */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	MessageIds messageIds(@Value("${chatspace.node-id:0}") int nodeId) {
		return new MessageIds(nodeId);
	}

}
