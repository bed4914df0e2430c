package io.chatspace.realtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a closed socket's room leaves are carried out. */
class PresenceGraceTest {

	@Test
	void aLeaveWaitsForTheGraceAndRunsOnce() throws InterruptedException {
		PresenceGrace grace = new PresenceGrace(Duration.ofSeconds(1));
		CountDownLatch ran = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		long start = System.nanoTime();
		grace.later(() -> {
			runs.incrementAndGet();
			ran.countDown();
		});
		assertThat(runs).hasValue(0);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		grace.stop();
		assertThat(runs).hasValue(1);
	}

	@Test
	void stoppingCarriesOutTheWaitingLeavesAtOnceAndLaterOnesImmediately() {
		PresenceGrace grace = new PresenceGrace(Duration.ofMinutes(10));
		AtomicInteger runs = new AtomicInteger();
		grace.later(runs::incrementAndGet);
		grace.later(() -> {
			throw new IllegalStateException("a failing leave does not stop the others");
		});
		grace.later(runs::incrementAndGet);
		assertThat(runs).hasValue(0);

		grace.stop();
		assertThat(runs).hasValue(2);
		grace.later(runs::incrementAndGet);
		assertThat(runs).hasValue(3);
		grace.stop();
		assertThat(runs).hasValue(3);
	}

	@Test
	void withoutAGraceEveryLeaveIsCarriedOutAtOnce() {
		PresenceGrace grace = new PresenceGrace(Duration.ZERO);
		AtomicInteger runs = new AtomicInteger();
		grace.later(runs::incrementAndGet);
		assertThat(runs).hasValue(1);
		grace.stop();
	}

}
