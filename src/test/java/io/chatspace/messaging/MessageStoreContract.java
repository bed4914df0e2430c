package io.chatspace.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatspace.rooms.Room;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link MessageStore} that every adapter passes (H2, PostgreSQL,
 * Cassandra): a subclass supplies the store on a real database, rooms and users. Ids are
 * made here with chosen timestamps, so the tests can place messages on both sides of a
 * time-bucket boundary and leave long empty stretches between them.
 */
public abstract class MessageStoreContract {

	/**
	 * A bucket boundary for every bucket size that divides an hour (2026-03-01T00:00Z).
	 */
	protected static final Instant BOUNDARY = Instant.parse("2026-03-01T00:00:00Z");

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	/**
	 * @return the store under test
	 */
	protected abstract MessageStore store();

	/**
	 * @return a new room of the store's database
	 */
	protected abstract Room newRoom();

	/**
	 * @return a new user's id
	 */
	protected abstract long newUser();

	/** An id with the given timestamp, unique in this JVM (node and sequence bits). */
	protected static long idAt(Instant time) {
		return ((time.toEpochMilli() - MessageIds.EPOCH) << 22) | (SEQUENCE.incrementAndGet() & 0x3fffff);
	}

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	/** Far enough back that no nonce of the contract is too old. */
	private static final Instant WINDOW = NOW.minus(Duration.ofDays(3650));

	private final Map<Long, String> names = new HashMap<>();

	private MessageStore.Draft draft(Room room, long user, Instant at, String body, String nonce) {
		long id = idAt(at);
		String author = names.computeIfAbsent(user, u -> "user" + u);
		return new MessageStore.Draft(new Message(id, room.slug(), author, body, MessageIds.timestampOf(id)), room.id(),
				user, nonce);
	}

	private List<Message> append(List<MessageStore.Draft> drafts) {
		return store().appendAll(drafts, WINDOW).stream().map(MessageStore.Appended::message).toList();
	}

	/**
	 * {@code count} messages one second apart from {@code start}, appended in one batch.
	 */
	private List<Message> appendSeries(Room room, long user, Instant start, int count) {
		List<MessageStore.Draft> drafts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			drafts.add(draft(room, user, start.plusSeconds(i), "message " + i, null));
		}
		return append(drafts);
	}

	private static List<Long> ids(List<Message> messages) {
		return messages.stream().map(Message::id).toList();
	}

	@Test
	void anAppendedMessageIsReadBackAsStored() {
		Room room = newRoom();
		long user = newUser();
		var d = draft(room, user, NOW, "héllo wörld 👋 <b>not html</b>", null);
		List<MessageStore.Appended> appended = store().appendAll(List.of(d), WINDOW);
		assertThat(appended).containsExactly(new MessageStore.Appended(d.message(), false));
		assertThat(store().before(room, Long.MAX_VALUE, 50)).containsExactly(d.message());
		assertThat(store().after(room, 0, 50)).containsExactly(d.message());
	}

	@Test
	void anEmptyRoomHasNoHistory() {
		Room room = newRoom();
		assertThat(store().before(room, Long.MAX_VALUE, 50)).isEmpty();
		assertThat(store().after(room, 0, 50)).isEmpty();
		assertThat(store().after(room, -1, 50)).isEmpty();
	}

	@Test
	void latestIsTheNewestMessagesOldestFirst() {
		Room room = newRoom();
		List<Message> all = appendSeries(room, newUser(), NOW, 80);
		assertThat(store().before(room, Long.MAX_VALUE, 50)).containsExactlyElementsOf(all.subList(30, 80));
		assertThat(store().before(room, Long.MAX_VALUE, 200)).containsExactlyElementsOf(all);
		assertThat(store().before(room, Long.MAX_VALUE, 1)).containsExactly(all.getLast());
	}

	@Test
	void beforeIsExclusiveAndPagesBackWithoutGapsOrDuplicates() {
		Room room = newRoom();
		List<Message> all = appendSeries(room, newUser(), NOW, 95);
		assertThat(store().before(room, all.get(40).id(), 10)).containsExactlyElementsOf(all.subList(30, 40));
		List<Message> seen = new ArrayList<>();
		long cursor = Long.MAX_VALUE;
		while (true) {
			List<Message> page = store().before(room, cursor, 30);
			if (page.isEmpty()) {
				break;
			}
			assertThat(ids(page)).isSorted();
			seen.addAll(0, page);
			cursor = page.getFirst().id();
		}
		assertThat(seen).containsExactlyElementsOf(all);
		assertThat(store().before(room, all.getFirst().id(), 10)).isEmpty();
	}

	@Test
	void afterIsExclusiveAndPagesForwardWithoutGapsOrDuplicates() {
		Room room = newRoom();
		List<Message> all = appendSeries(room, newUser(), NOW, 95);
		assertThat(store().after(room, all.get(9).id(), 5)).containsExactlyElementsOf(all.subList(10, 15));
		assertThat(store().after(room, all.getLast().id(), 5)).isEmpty();
		assertThat(store().after(room, 0, 3)).containsExactlyElementsOf(all.subList(0, 3));
		List<Message> seen = new ArrayList<>();
		long cursor = 0;
		while (true) {
			List<Message> page = store().after(room, cursor, 40);
			if (page.isEmpty()) {
				break;
			}
			assertThat(ids(page)).isSorted();
			seen.addAll(page);
			cursor = page.getLast().id();
		}
		assertThat(seen).containsExactlyElementsOf(all);
	}

	@Test
	void historyIsOrderedByIdAcrossBatchesWhateverTheOrderOfBatches() {
		Room room = newRoom();
		long user = newUser();
		List<Message> all = new ArrayList<>();
		for (int batch = 0; batch < 6; batch++) {
			List<MessageStore.Draft> drafts = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				// later batches hold older messages too: ids decide the order, not
				// arrival
				drafts.add(draft(room, user, NOW.minusSeconds(batch * 100 + i), "b" + batch + " m" + i, null));
			}
			all.addAll(append(drafts));
		}
		all.sort((a, b) -> Long.compare(a.id(), b.id()));
		assertThat(store().before(room, Long.MAX_VALUE, 200)).containsExactlyElementsOf(all);
		assertThat(store().after(room, 0, 200)).containsExactlyElementsOf(all);
	}

	@Test
	void aRepeatedNonceOfTheSameAuthorReturnsTheFirstMessageAndStoresNothing() {
		Room room = newRoom();
		long user = newUser();
		var first = draft(room, user, NOW, "first", "nonce-1");
		assertThat(store().appendAll(List.of(first), WINDOW))
			.containsExactly(new MessageStore.Appended(first.message(), false));
		var retry = draft(room, user, NOW.plusSeconds(1), "retry", "nonce-1");
		assertThat(store().appendAll(List.of(retry), WINDOW))
			.containsExactly(new MessageStore.Appended(first.message(), true));
		assertThat(store().before(room, Long.MAX_VALUE, 50)).containsExactly(first.message());
	}

	@Test
	void aNonceRepeatedWithinOneBatchIsStoredOnce() {
		Room room = newRoom();
		long user = newUser();
		var a = draft(room, user, NOW, "a", "same");
		var b = draft(room, user, NOW.plusMillis(1), "b", "same");
		var c = draft(room, user, NOW.plusMillis(2), "c", null);
		assertThat(store().appendAll(List.of(a, b, c), WINDOW)).containsExactly(
				new MessageStore.Appended(a.message(), false), new MessageStore.Appended(a.message(), true),
				new MessageStore.Appended(c.message(), false));
		assertThat(store().before(room, Long.MAX_VALUE, 50)).containsExactly(a.message(), c.message());
	}

	@Test
	void noncesAreTheirAuthorsAndTheEarlierMessageKeepsItsRoom() {
		Room room = newRoom();
		Room other = newRoom();
		long alice = newUser();
		long bob = newUser();
		var aliceFirst = draft(room, alice, NOW, "alice", "shared");
		var bobSame = draft(room, bob, NOW.plusMillis(1), "bob", "shared");
		assertThat(store().appendAll(List.of(aliceFirst, bobSame), WINDOW)).extracting(MessageStore.Appended::duplicate)
			.containsExactly(false, false);
		// alice reuses her nonce in another room: the original, with its own room
		var elsewhere = draft(other, alice, NOW.plusSeconds(1), "elsewhere", "shared");
		assertThat(store().appendAll(List.of(elsewhere), WINDOW))
			.containsExactly(new MessageStore.Appended(aliceFirst.message(), true));
		assertThat(store().before(other, Long.MAX_VALUE, 50)).isEmpty();
		assertThat(store().before(room, Long.MAX_VALUE, 50)).containsExactly(aliceFirst.message(), bobSame.message());
	}

	@Test
	void aNonceOlderThanTheWindowNoLongerDeduplicates() {
		Room room = newRoom();
		long user = newUser();
		var old = draft(room, user, NOW.minus(Duration.ofMinutes(20)), "old", "late");
		store().appendAll(List.of(old), NOW.minus(Duration.ofHours(1)));
		var again = draft(room, user, NOW, "again", "late");
		List<MessageStore.Appended> result = store().appendAll(List.of(again), NOW.minus(Duration.ofMinutes(10)));
		assertThat(result).containsExactly(new MessageStore.Appended(again.message(), false));
		assertThat(store().before(room, Long.MAX_VALUE, 50)).containsExactly(old.message(), again.message());
		// and the new message is what the nonce means from now on
		var third = draft(room, user, NOW.plusSeconds(1), "third", "late");
		assertThat(store().appendAll(List.of(third), NOW.minus(Duration.ofMinutes(10))))
			.containsExactly(new MessageStore.Appended(again.message(), true));
	}

	@Test
	void pagingCrossesBucketBoundariesAndLongEmptyStretches() {
		Room room = newRoom();
		long user = newUser();
		List<MessageStore.Draft> drafts = new ArrayList<>();
		// around a boundary to the millisecond, then after 40 empty days, then a year
		// later
		for (Instant at : List.of(BOUNDARY.minusMillis(2), BOUNDARY.minusMillis(1), BOUNDARY, BOUNDARY.plusMillis(1),
				BOUNDARY.plus(Duration.ofHours(1)).minusMillis(1), BOUNDARY.plus(Duration.ofHours(1)),
				BOUNDARY.plus(Duration.ofDays(40)), BOUNDARY.plus(Duration.ofDays(40)).plusSeconds(1),
				BOUNDARY.plus(Duration.ofDays(400)))) {
			drafts.add(draft(room, user, at, "at " + at, null));
		}
		List<Message> all = append(drafts);
		assertThat(store().before(room, Long.MAX_VALUE, 200)).containsExactlyElementsOf(all);
		assertThat(store().after(room, 0, 200)).containsExactlyElementsOf(all);
		for (int i = 0; i < all.size(); i++) {
			long id = all.get(i).id();
			assertThat(store().before(room, id, 3)).as("3 before #%d", i)
				.containsExactlyElementsOf(all.subList(Math.max(0, i - 3), i));
			assertThat(store().after(room, id, 3)).as("3 after #%d", i)
				.containsExactlyElementsOf(all.subList(i + 1, Math.min(all.size(), i + 4)));
		}
		// a cursor in an empty stretch (no message at all in that month)
		long gap = idAt(BOUNDARY.plus(Duration.ofDays(20)));
		assertThat(store().before(room, gap, 2)).containsExactlyElementsOf(all.subList(4, 6));
		assertThat(store().after(room, gap, 2)).containsExactlyElementsOf(all.subList(6, 8));
		// cursors far before the first and after the last message
		assertThat(store().before(room, idAt(BOUNDARY.minus(Duration.ofDays(300))), 5)).isEmpty();
		assertThat(store().after(room, idAt(BOUNDARY.plus(Duration.ofDays(3000))), 5)).isEmpty();
	}

	@Test
	void manyRoomsKeepTheirOwnHistories() {
		List<Room> rooms = new ArrayList<>();
		for (int r = 0; r < 40; r++) {
			rooms.add(newRoom());
		}
		long user = newUser();
		List<MessageStore.Draft> drafts = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			for (Room room : rooms) {
				drafts.add(draft(room, user, NOW.plusSeconds(i), room.slug() + " " + i, null));
			}
		}
		drafts.sort((a, b) -> Long.compare(a.message().id(), b.message().id()));
		// several batches, each with many rooms
		for (int from = 0; from < drafts.size(); from += 100) {
			append(drafts.subList(from, Math.min(drafts.size(), from + 100)));
		}
		for (Room room : rooms) {
			List<Message> expected = drafts.stream()
				.filter(d -> d.roomId() == room.id())
				.map(MessageStore.Draft::message)
				.toList();
			assertThat(store().before(room, Long.MAX_VALUE, 200)).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void unreadCountsOthersMessagesAfterTheMarkerUpToTheCap() {
		Room room = newRoom();
		long reader = newUser();
		long other = newUser();
		List<MessageStore.Draft> drafts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			// every third message is the reader's own; spread over a bucket boundary and
			// a
			// long empty stretch
			Instant at = i < 15 ? BOUNDARY.minusSeconds(15 - i) : BOUNDARY.plus(Duration.ofDays(50)).plusSeconds(i);
			drafts.add(draft(room, i % 3 == 0 ? reader : other, at, "m" + i, null));
		}
		List<Message> all = append(drafts);
		assertThat(store().countBetween(room, 0, Long.MAX_VALUE, reader, 100)).isEqualTo(20);
		assertThat(store().countBetween(room, all.get(14).id(), Long.MAX_VALUE, reader, 100)).isEqualTo(10);
		assertThat(store().countBetween(room, 0, Long.MAX_VALUE, reader, 7)).isEqualTo(7);
		assertThat(store().countBetween(room, all.getLast().id(), Long.MAX_VALUE, reader, 100)).isZero();
		assertThat(store().countBetween(room, 0, Long.MAX_VALUE, other, 100)).isEqualTo(10);
		assertThat(store().countBetween(newRoom(), 0, Long.MAX_VALUE, reader, 100)).isZero();
		// a range: (m4, m24] holds m5…m24, of which m6, m9, …, m24 (7) are the reader's
		// own
		assertThat(store().countBetween(room, all.get(4).id(), all.get(24).id(), reader, 100)).isEqualTo(13);
		// across the bucket boundary and the empty stretch, and capped
		assertThat(store().countBetween(room, all.get(4).id(), all.get(24).id(), reader, 5)).isEqualTo(5);
		assertThat(store().countBetween(room, 0, all.get(14).id(), reader, 100)).isEqualTo(10);
		assertThat(store().countBetween(room, all.get(14).id(), all.get(14).id(), reader, 100)).isZero();
		assertThat(store().countBetween(room, all.get(24).id(), all.get(4).id(), reader, 100)).isZero();
	}

	@Test
	void aLargeBatchOfLongMessagesIsStoredWhole() {
		Room room = newRoom();
		long user = newUser();
		String body = "x".repeat(3990) + "€€€€€";
		List<MessageStore.Draft> drafts = new ArrayList<>();
		for (int i = 0; i < 512; i++) {
			drafts.add(draft(room, user, NOW.plusMillis(i), i + body, "large-" + i));
		}
		List<Message> all = append(drafts);
		assertThat(store().after(room, 0, 600)).containsExactlyElementsOf(all);
	}

}
