package io.chatspace.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user rate limits, {@code chatspace.rate-limit.*}.
 *
 * @param enabled whether limits apply at all (a benchmark may switch them off)
 * @param send the limit on {@code send} (WebSocket) and {@code POST …/messages} (HTTP)
 */
@ConfigurationProperties("chatspace.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Limit send) {

	/**
	 * A token bucket.
	 *
	 * @param burst the bucket's capacity
	 * @param perSecond tokens added per second
	 */
	record Limit(@DefaultValue("20") int burst, @DefaultValue("5") int perSecond) {
	}

}
