package io.chatspace.realtime.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chatspace.realtime.Broker;
import io.chatspace.realtime.RoomEvent;

import org.springframework.stereotype.Component;

/**
 * The single-node {@link Broker}: delivers each event synchronously on the publishing
 * thread to this process's subscribers.
 */
@Component
class InProcessBroker implements Broker {

	private final Map<String, List<Consumer<RoomEvent>>> topics = new ConcurrentHashMap<>();

	@Override
	public void publish(RoomEvent event) {
		List<Consumer<RoomEvent>> listeners = topics.get(event.room());
		if (listeners != null) {
			for (Consumer<RoomEvent> listener : listeners) {
				listener.accept(event);
			}
		}
	}

	@Override
	public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
		topics.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(listener);
		return () -> topics.computeIfPresent(room, (r, listeners) -> {
			listeners.remove(listener);
			return listeners.isEmpty() ? null : listeners;
		});
	}

}
