package io.chatspace.realtime.redis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.chatspace.realtime.Broker;
import io.chatspace.realtime.RoomEvent;
import io.chatspace.support.redis.RedisChannels;
import io.chatspace.support.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@link Broker} for many nodes: Redis pub/sub, one channel per topic
 * ({@code <prefix>topic:<topic>}), to which a node subscribes only while it has local
 * sockets on the topic; one {@code PUBLISH} per event, its frame encoded once by the
 * publishing node ({@link EventCodec}). Announcements of ids about to be committed are
 * published the same way, and wait for Redis's reply. Reconnects, resubscriptions and
 * lost events are {@link RedisChannels}'s business; they reach the listener as
 * {@link Listener#interrupted()} and {@link Listener#resumed()}.
 */
@Component
@Profile("redis")
class RedisBroker implements Broker {

	private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

	static final String CHANNEL_PREFIX = "topic:";

	private final RedisChannels channels;

	private final Duration timeout;

	RedisBroker(RedisChannels channels, RedisSettings settings) {
		this.channels = channels;
		this.timeout = settings.announceTimeout();
	}

	@Override
	public boolean spansNodes() {
		return true;
	}

	@Override
	public void publish(RoomEvent event) {
		channels.publish(CHANNEL_PREFIX + event.room(), EventCodec.encode(event));
	}

	@Override
	public void announce(Map<String, long[]> idsByTopic) {
		Map<String, byte[]> messages = new LinkedHashMap<>();
		idsByTopic.forEach((topic, ids) -> messages.put(CHANNEL_PREFIX + topic, EventCodec.announcement(ids)));
		channels.publishAndWait(messages, timeout);
	}

	@Override
	public Subscription subscribe(String topic, Listener listener) {
		RedisChannels.Subscription subscription = channels.subscribe(CHANNEL_PREFIX + topic,
				new RedisChannels.Listener() {
					@Override
					public void message(ByteBuffer payload) {
						RoomEvent event;
						try {
							if (EventCodec.isAnnouncement(payload)) {
								listener.announced(EventCodec.announced(payload));
								return;
							}
							event = EventCodec.decode(topic, payload);
						}
						catch (RuntimeException ex) {
							log.warn("dropping an undecodable event on {}: {}", topic, ex.toString());
							return;
						}
						listener.event(event);
					}

					@Override
					public void interrupted() {
						listener.interrupted();
					}

					@Override
					public void resumed() {
						listener.resumed();
					}
				});
		return subscription::close;
	}

}
