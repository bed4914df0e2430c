package io.chatspace.presence;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@link Typing} in this process's memory: right for a single node. */
@Component
@Profile("!redis")
class LocalTyping implements Typing {

	// room \0 user -> System.nanoTime() of the last relayed notice
	private final ConcurrentHashMap<String, Long> last = new ConcurrentHashMap<>();

	@Override
	public boolean relay(String room, String user, Duration interval) {
		long now = System.nanoTime();
		boolean[] relayed = new boolean[1];
		last.compute(room + '\u0000' + user, (key, previous) -> {
			if (previous == null || now - previous >= interval.toNanos()) {
				relayed[0] = true;
				return now;
			}
			return previous;
		});
		if (last.size() > 100_000) {
			last.values().removeIf(t -> now - t > interval.toNanos());
		}
		return relayed[0];
	}

}
