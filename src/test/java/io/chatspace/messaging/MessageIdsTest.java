package io.chatspace.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageIdsTest {

	@Test
	void idsEncodeTimeAndNode() {
		long now = Instant.parse("2026-11-21T10:00:00.123Z").toEpochMilli();
		long id = new MessageIds(42, () -> now).next();
		assertThat(MessageIds.timestampOf(id)).isEqualTo(Instant.ofEpochMilli(now));
		assertThat(MessageIds.nodeOf(id)).isEqualTo(42);
		assertThat(id).isPositive();
	}

	@Test
	void idsIncreaseEvenWhenTheClockStepsBack() {
		AtomicLong clock = new AtomicLong(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli());
		MessageIds ids = new MessageIds(1, clock::get);
		long previous = ids.next();
		for (int i = 0; i < 10_000; i++) {
			if (i % 100 == 0) {
				clock.addAndGet(i % 200 == 0 ? -5 : 3);
			}
			long next = ids.next();
			assertThat(next).isGreaterThan(previous);
			assertThat(MessageIds.nodeOf(next)).isEqualTo(1);
			previous = next;
		}
	}

	@Test
	void moreThan4096IdsInOneMillisecondBorrowTheNextMillisecond() {
		long now = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
		MessageIds ids = new MessageIds(3, () -> now);
		long last = 0;
		for (int i = 0; i < 5000; i++) {
			long id = ids.next();
			assertThat(id).isGreaterThan(last);
			last = id;
		}
		assertThat(MessageIds.timestampOf(last)).isEqualTo(Instant.ofEpochMilli(now + 1));
		assertThat(MessageIds.nodeOf(last)).isEqualTo(3);
	}

	@Test
	void idsAreUniqueAndIncreasingPerThreadUnderConcurrency() throws Exception {
		MessageIds ids = new MessageIds(7);
		int threads = 8;
		int perThread = 50_000;
		Set<Long> all = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(Thread.ofPlatform().start(() -> {
				try {
					start.await();
					long previous = 0;
					Set<Long> mine = new HashSet<>();
					for (int i = 0; i < perThread; i++) {
						long id = ids.next();
						if (id <= previous) {
							throw new AssertionError("not increasing: " + id + " after " + previous);
						}
						previous = id;
						mine.add(id);
					}
					all.addAll(mine);
				}
				catch (Throwable ex) {
					synchronized (failures) {
						failures.add(ex);
					}
				}
			}));
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		assertThat(failures).isEmpty();
		assertThat(all).hasSize(threads * perThread);
	}

	@Test
	void rejectsNodeIdsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageIds(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageIds(1024));
	}

}
