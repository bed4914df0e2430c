package io.chatspace.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory tails answer exactly what the store would, and a commit racing a tail's
 * load is not lost.
 */
class RecentMessagesTest {

	private static final Room GENERAL = new Room(1, "general", "General", RoomKind.PUBLIC, null);

	private static final Room RANDOM = new Room(2, "random", "Random", RoomKind.PUBLIC, null);

	@Property(tries = 300)
	void readsAnswerWhatTheStoreWould(@ForAll long seed) {
		Random random = new Random(seed);
		ListStore store = new ListStore();
		// a small budget drops tails while the reads go on
		RecentMessages recent = new RecentMessages(store, 1 + random.nextInt(12), random.nextBoolean() ? 1 << 20 : 700);
		long id = 1000;
		for (int step = 0; step < 60; step++) {
			Room room = random.nextBoolean() ? GENERAL : RANDOM;
			switch (random.nextInt(7)) {
				case 0, 1 -> {
					List<RecentMessages.Stored> batch = new ArrayList<>();
					for (int i = random.nextInt(4); i >= 0; i--) {
						id += 1 + random.nextInt(3);
						Room target = random.nextBoolean() ? GENERAL : RANDOM;
						Message m = store.append(target, id);
						batch.add(new RecentMessages.Stored(target.id(), m));
					}
					recent.appended(batch);
				}
				case 2 -> {
					int limit = 1 + random.nextInt(15);
					assertThat(recent.latest(room, limit)).isEqualTo(store.before(room, Long.MAX_VALUE, limit));
				}
				case 3 -> {
					long after = 990 + random.nextInt((int) (id - 980));
					int limit = 1 + random.nextInt(15);
					assertThat(recent.after(room, after, limit)).isEqualTo(store.after(room, after, limit));
				}
				case 4 -> {
					List<Message> newest = store.before(room, Long.MAX_VALUE, 1);
					assertThat(recent.latestId(room).stream().boxed().toList())
						.isEqualTo(newest.stream().map(Message::id).toList());
				}
				case 5 -> {
					long before = 990 + random.nextInt((int) (id - 975));
					int limit = 1 + random.nextInt(15);
					assertThat(recent.before(room, before, limit)).isEqualTo(store.before(room, before, limit));
				}
				default -> recent.forget(List.of(room.id()));
			}
		}
	}

	@Property(tries = 200)
	void aTailsWeightCarriedForwardIsTheWeightOfWhatItHolds(@ForAll long seed) {
		Random random = new Random(seed);
		int perRoom = 1 + random.nextInt(10);
		long id = 1;
		List<Message> first = new ArrayList<>();
		for (int i = random.nextInt(perRoom + 1); i > 0; i--) {
			first.add(message(id++, random));
		}
		RecentMessages.Tail tail = RecentMessages.Tail.of(first.toArray(Message[]::new), true);
		for (int step = 0; step < 20; step++) {
			List<Message> added = new ArrayList<>();
			for (int i = random.nextInt(perRoom + 3); i > 0; i--) {
				added.add(message(id++, random));
			}
			tail = tail.plus(added, perRoom);
			assertThat(tail.messages()).hasSizeLessThanOrEqualTo(perRoom);
			assertThat(tail.weight()).isEqualTo(RecentMessages.Tail.of(tail.messages(), tail.whole()).weight());
		}
	}

	private static Message message(long id, Random random) {
		return new Message(id, GENERAL.slug(), "alice", "x".repeat(random.nextInt(300)), Instant.ofEpochMilli(id));
	}

	@Test
	void aJoinAfterTheFirstReadsFromMemory() {
		ListStore store = new ListStore();
		RecentMessages recent = new RecentMessages(store, 100, 1 << 20);
		for (long id = 1; id <= 10; id++) {
			store.append(GENERAL, id);
		}
		assertThat(recent.latest(GENERAL, 5)).extracting(Message::id).containsExactly(6L, 7L, 8L, 9L, 10L);
		int loads = store.reads.get();
		recent.appended(List.of(new RecentMessages.Stored(GENERAL.id(), store.append(GENERAL, 11))));

		assertThat(recent.latest(GENERAL, 50)).extracting(Message::id).hasSize(11).endsWith(11L);
		assertThat(recent.after(GENERAL, 8, 501)).extracting(Message::id).containsExactly(9L, 10L, 11L);
		// scrolling back from the oldest shown
		assertThat(recent.before(GENERAL, 7, 3)).extracting(Message::id).containsExactly(4L, 5L, 6L);
		assertThat(recent.before(GENERAL, Long.MIN_VALUE, 3)).isEmpty();
		assertThat(recent.after(GENERAL, Long.MAX_VALUE, 3)).isEmpty();
		assertThat(recent.latestId(GENERAL)).hasValue(11);
		assertThat(store.reads.get()).isEqualTo(loads);
	}

	@Test
	void readsPastTheTailGoToTheStore() {
		ListStore store = new ListStore();
		RecentMessages recent = new RecentMessages(store, 3, 1 << 20);
		for (long id = 1; id <= 10; id++) {
			store.append(GENERAL, id);
		}
		assertThat(recent.after(GENERAL, 2, 4)).extracting(Message::id).containsExactly(3L, 4L, 5L, 6L);
		assertThat(recent.latest(GENERAL, 5)).extracting(Message::id).containsExactly(6L, 7L, 8L, 9L, 10L);
	}

	@Test
	void aCommitWhileTheTailLoadsIsKept() throws Exception {
		ListStore store = new ListStore();
		RecentMessages recent = new RecentMessages(store, 100, 1 << 20);
		store.append(GENERAL, 1);
		store.pauseReads = new CountDownLatch(1);
		// a join loads the tail; its read sees the log before message 2
		CompletableFuture<List<Message>> join = CompletableFuture.supplyAsync(() -> recent.latest(GENERAL, 50));
		assertThat(store.readStarted.await(5, TimeUnit.SECONDS)).isTrue();
		// the writer commits message 2 meanwhile, and tells the tails
		Message second = store.append(GENERAL, 2);
		CompletableFuture<Void> writer = CompletableFuture
			.runAsync(() -> recent.appended(List.of(new RecentMessages.Stored(GENERAL.id(), second))));
		Thread.sleep(100);
		store.pauseReads.countDown();
		assertThat(join.get(5, TimeUnit.SECONDS)).extracting(Message::id).containsExactly(1L);
		writer.get(5, TimeUnit.SECONDS);

		assertThat(recent.latest(GENERAL, 50)).extracting(Message::id).containsExactly(1L, 2L);
	}

	@Test
	void withNoneKeptEveryReadGoesToTheStore() {
		ListStore store = new ListStore();
		RecentMessages recent = new RecentMessages(store, 0, 1 << 20);
		store.append(GENERAL, 1);
		recent.latest(GENERAL, 50);
		Message second = store.append(GENERAL, 2);
		recent.appended(List.of(new RecentMessages.Stored(GENERAL.id(), second)));
		assertThat(recent.latest(GENERAL, 50)).extracting(Message::id).containsExactly(1L, 2L);
		assertThat(store.reads.get()).isEqualTo(2);
	}

	/** A message log in a list, with a read that can be held half-way. */
	private static final class ListStore implements MessageStore {

		private final List<Message> log = new ArrayList<>();

		private final AtomicInteger reads = new AtomicInteger();

		private final CountDownLatch readStarted = new CountDownLatch(1);

		private volatile CountDownLatch pauseReads;

		synchronized Message append(Room room, long id) {
			Message m = new Message(id, room.slug(), "alice", "message " + id, Instant.ofEpochMilli(id));
			log.add(m);
			return m;
		}

		private synchronized List<Message> of(Room room) {
			return log.stream().filter(m -> m.room().equals(room.slug())).toList();
		}

		@Override
		public List<Message> before(Room room, long beforeId, int limit) {
			List<Message> all = of(room).stream().filter(m -> m.id() < beforeId).toList();
			reads.incrementAndGet();
			readStarted.countDown();
			CountDownLatch pause = pauseReads;
			if (pause != null) {
				try {
					pause.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return all.subList(Math.max(0, all.size() - limit), all.size());
		}

		@Override
		public List<Message> after(Room room, long afterId, int limit) {
			reads.incrementAndGet();
			return of(room).stream().filter(m -> m.id() > afterId).limit(limit).toList();
		}

		@Override
		public List<Appended> appendAll(List<Draft> drafts, Instant nonceSince) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int countBetween(Room room, long afterId, long upToId, long readerId, int cap) {
			throw new UnsupportedOperationException();
		}

	}

}
