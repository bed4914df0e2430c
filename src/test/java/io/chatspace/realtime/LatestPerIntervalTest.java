package io.chatspace.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LatestPerIntervalTest {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<String> relayed = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		timer.shutdownNow();
	}

	@Test
	void aBurstRelaysItsFirstAtOnceAndItsLastAtTheIntervalsEndAndNothingBetween() {
		LatestPerInterval throttle = new LatestPerInterval(Duration.ofSeconds(2), timer);
		for (int i = 0; i < 10; i++) {
			String event = "caret " + i;
			throttle.offer("doc\u0000bob", () -> relayed.add(event));
		}
		assertThat(relayed).containsExactly("caret 0");
		await().atMost(Duration.ofSeconds(10)).until(() -> relayed.size() == 2);
		assertThat(relayed).containsExactly("caret 0", "caret 9");
	}

	@Test
	void keysAreThrottledApart() {
		LatestPerInterval throttle = new LatestPerInterval(Duration.ofSeconds(30), timer);
		throttle.offer("doc\u0000bob", () -> relayed.add("bob"));
		throttle.offer("doc\u0000ann", () -> relayed.add("ann"));
		throttle.offer("doc\u0000bob", () -> relayed.add("bob again"));
		assertThat(relayed).containsExactly("bob", "ann");
	}

}
