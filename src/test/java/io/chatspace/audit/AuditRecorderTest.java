package io.chatspace.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chatspace.messaging.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit writer's batches: events that come within the batch window after the first
 * are stored in one transaction (one {@link AuditLog#appendAll} call), and what is queued
 * at shutdown is still stored.
 */
class AuditRecorderTest {

	private final List<List<AuditEvent>> stored = new CopyOnWriteArrayList<>();

	private final AuditLog log = new AuditLog() {

		@Override
		public void appendAll(List<AuditEvent> events) {
			stored.add(List.copyOf(events));
		}

		@Override
		public List<AuditEvent> before(long roomId, long beforeId, int limit) {
			return List.of();
		}

	};

	private AuditRecorder recorder;

	@AfterEach
	void stop() {
		if (recorder != null) {
			recorder.stop();
		}
	}

	private AuditRecorder start(Duration window) {
		recorder = new AuditRecorder(log, Clock.systemUTC(), new MessageIds(1), new AuditProperties(window));
		recorder.start();
		return recorder;
	}

	@Test
	void eventsWithinTheWindowAreStoredTogether() throws InterruptedException {
		start(Duration.ofSeconds(2));
		recorder.record(1, "lobby", AuditEvent.MEMBER_JOINED, "ann", null);
		Thread.sleep(300);
		recorder.record(1, "lobby", AuditEvent.MEMBER_JOINED, "bob", null);
		recorder.record(2, "garden", AuditEvent.MEMBER_LEFT, "ann", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> !stored.isEmpty());
		assertThat(stored).singleElement()
			.satisfies(batch -> assertThat(batch).extracting(AuditEvent::user).containsExactly("ann", "bob", "ann"));
	}

	@Test
	void withoutAWindowAnEventIsStoredAtOnce() {
		start(Duration.ZERO);
		recorder.record(1, "lobby", AuditEvent.MEMBER_JOINED, "ann", null);
		await().atMost(Duration.ofSeconds(1)).until(() -> stored.size() == 1);
		recorder.record(1, "lobby", AuditEvent.MEMBER_LEFT, "ann", null);
		await().atMost(Duration.ofSeconds(1)).until(() -> stored.size() == 2);
		assertThat(stored).extracting(batch -> batch.get(0).type())
			.containsExactly(AuditEvent.MEMBER_JOINED, AuditEvent.MEMBER_LEFT);
	}

	@Test
	void whatIsQueuedAtShutdownIsStoredAtOnce() throws InterruptedException {
		start(Duration.ofSeconds(30));
		recorder.record(1, "lobby", AuditEvent.MEMBER_JOINED, "ann", null);
		recorder.record(1, "lobby", AuditEvent.MEMBER_JOINED, "bob", null);
		// the writer is waiting for more within its window
		Thread.sleep(300);
		long start = System.nanoTime();
		recorder.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(stored.stream().flatMap(List::stream).map(AuditEvent::user)).containsExactly("ann", "bob");
	}

}
