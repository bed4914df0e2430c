package io.chatspace.realtime.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chatspace.realtime.Broker;
import io.chatspace.realtime.RoomEvent;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The single-node {@link Broker}: delivers each event synchronously on the publishing
 * thread to this process's subscribers. Never loses an event, so never interrupted.
 */
@Component
@Profile("!redis")
class InProcessBroker implements Broker {

	private final Map<String, List<Listener>> topics = new ConcurrentHashMap<>();

	@Override
	public void publish(RoomEvent event) {
		List<Listener> listeners = topics.get(event.room());
		if (listeners != null) {
			for (Listener listener : listeners) {
				listener.event(event);
			}
		}
	}

	@Override
	public Subscription subscribe(String topic, Listener listener) {
		topics.computeIfAbsent(topic, r -> new CopyOnWriteArrayList<>()).add(listener);
		return () -> topics.computeIfPresent(topic, (r, listeners) -> {
			listeners.remove(listener);
			return listeners.isEmpty() ? null : listeners;
		});
	}

}
