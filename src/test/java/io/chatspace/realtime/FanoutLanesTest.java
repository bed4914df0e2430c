package io.chatspace.realtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.chatspace.accounts.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out lanes: a room's events run in order on one lane thread, never on the
 * producer's; a run of several events writes each socket once at its end, a lone event at
 * once.
 */
class FanoutLanesTest {

	private final FanoutLanes lanes = new FanoutLanes(2, 1024);

	@AfterEach
	void stop() {
		lanes.shutdown();
	}

	@Test
	void aLanesTasksRunInOrderOnItsOwnThread() throws InterruptedException {
		List<String> seen = new CopyOnWriteArrayList<>();
		CountDownLatch done = new CountDownLatch(1);
		for (int i = 0; i < 1000; i++) {
			int n = i;
			lanes.execute(0, () -> seen.add(Thread.currentThread().getName() + " " + n));
		}
		lanes.execute(0, done::countDown);
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(seen).hasSize(1000);
		String thread = seen.getFirst().split(" ")[0];
		assertThat(thread).startsWith("room-fanout-").isNotEqualTo(Thread.currentThread().getName());
		for (int i = 0; i < 1000; i++) {
			assertThat(seen.get(i)).isEqualTo(thread + " " + i);
		}
	}

	@Test
	void aRunOfEventsWritesEachSocketOnceAtItsEndAndALoneEventAtOnce() throws InterruptedException {
		RecordingTransport transport = new RecordingTransport();
		Connection connection = new Connection("s1", transport, new Account(1, "alice"), 1 << 20);
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// a lone event: written at once
		lanes.execute(1, () -> connection.send(bytes("m1")));
		await().atMost(10, TimeUnit.SECONDS).until(() -> !transport.calls().isEmpty());
		// hold the lane while three more events queue up behind
		lanes.execute(1, () -> {
			blocked.countDown();
			hold(release);
		});
		assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
		for (String body : List.of("m2", "m3", "m4")) {
			lanes.execute(1, () -> connection.send(bytes(body)));
		}
		release.countDown();
		await().atMost(10, TimeUnit.SECONDS).until(() -> transport.calls().contains("flush"));
		assertThat(transport.calls()).containsExactly("text m1", "batch m2", "batch m3", "batch m4", "flush");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
