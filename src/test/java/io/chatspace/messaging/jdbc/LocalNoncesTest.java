package io.chatspace.messaging.jdbc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessageStore.Appended;
import io.chatspace.messaging.MessageStore.Draft;
import io.chatspace.rooms.Room;
import io.chatspace.support.TestDatabases;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node alone keeps the nonces of the window in memory: a restart rebuilds them from the
 * stored messages, so a send retried across a restart is still stored once.
 */
class LocalNoncesTest {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final JdbcStoreFixture fixture = new JdbcStoreFixture(TestDatabases.h2(), true);

	@Test
	void aRestartedNodeStillKnowsTheWindowsNoncesAndNotTheOlderOnes() {
		Room room = fixture.newRoom();
		long user = fixture.newUser();
		Instant now = Instant.now();
		Draft old = draft(room, user, now.minus(Duration.ofMinutes(30)), "old", "n-old");
		Draft recent = draft(room, user, now.minusSeconds(5), "recent", "n-recent");
		fixture.store().appendAll(List.of(old, recent), now.minus(Duration.ofHours(1)));

		MessageStore restarted = fixture.newStore();
		Instant since = now.minus(Duration.ofMinutes(10));
		Draft retry = draft(room, user, now, "retry", "n-recent");
		Draft reuse = draft(room, user, now.plusMillis(1), "reuse", "n-old");
		assertThat(restarted.appendAll(List.of(retry, reuse), since))
			.containsExactly(new Appended(recent.message(), true), new Appended(reuse.message(), false));
		assertThat(restarted.before(room, Long.MAX_VALUE, 10)).containsExactly(old.message(), recent.message(),
				reuse.message());

		// forgotten: the nonce no longer de-duplicates
		restarted.forgetNoncesBefore(now.plusSeconds(1));
		Draft late = draft(room, user, now.plusSeconds(2), "late", "n-recent");
		assertThat(restarted.appendAll(List.of(late), since)).containsExactly(new Appended(late.message(), false));
	}

	@Test
	void aNodeUpgradedInTheWindowStillKnowsTheNoncesSentBefore() {
		// a database of the version before, where nonces were only in message_nonces
		DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("5").load().migrate();
		JdbcStoreFixture before = new JdbcStoreFixture(dataSource, false);
		Room room = before.newRoom();
		long user = before.newUser();
		Instant now = Instant.now();
		Draft sent = draft(room, user, now.minusSeconds(30), "sent before the upgrade", "n-1");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("insert into messages (id, room_id, author_id, author, body, sent_at) values (?, ?, ?, ?, ?, ?)")
			.params(sent.message().id(), room.id(), user, sent.message().author(), sent.message().body(),
					Timestamp.from(sent.message().sentAt()))
			.update();
		jdbc.sql("insert into message_nonces (author_id, nonce, message_id, created_at) values (?, ?, ?, ?)")
			.params(user, "n-1", sent.message().id(), Timestamp.from(sent.message().sentAt()))
			.update();

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		MessageStore upgraded = new JdbcStoreFixture(dataSource, true).store();
		Draft retry = draft(room, user, now, "retried after the upgrade", "n-1");
		assertThat(upgraded.appendAll(List.of(retry), now.minus(Duration.ofMinutes(10))))
			.containsExactly(new Appended(sent.message(), true));
	}

	@Test
	void aFloodBeyondTheCapacityForgetsTheOldestNoncesFirst() {
		Room room = fixture.newRoom();
		long user = fixture.newUser();
		MessageStore store = fixture.newStore(new LocalNonces(3));
		Instant now = Instant.now();
		Instant since = now.minus(Duration.ofMinutes(10));
		List<Draft> flood = List.of(draft(room, user, now, "1", "n-1"), draft(room, user, now, "2", "n-2"),
				draft(room, user, now, "3", "n-3"), draft(room, user, now, "4", "n-4"));
		store.appendAll(flood, since);

		Draft newestRetried = draft(room, user, now, "4 again", "n-4");
		assertThat(store.appendAll(List.of(newestRetried), since))
			.containsExactly(new Appended(flood.get(3).message(), true));
		// the oldest of four, beyond a capacity of three: forgotten, so stored again
		Draft oldestRetried = draft(room, user, now, "1 again", "n-1");
		assertThat(store.appendAll(List.of(oldestRetried), since))
			.containsExactly(new Appended(oldestRetried.message(), false));
	}

	@Test
	void aNonceStoredAgainIsTheNewestAndOutlivesOlderOnes() {
		LocalNonces nonces = new LocalNonces(2);
		Instant now = Instant.now();
		long a1 = MessageIds.firstIdAt(now.minus(Duration.ofMinutes(20)));
		long b = MessageIds.firstIdAt(now.minus(Duration.ofMinutes(5)));
		long a2 = MessageIds.firstIdAt(now);
		nonces.stored("a", a1);
		nonces.stored("b", b);
		nonces.stored("a", a2);
		assertThat(nonces.size()).isEqualTo(2);
		long windowStart = MessageIds.firstIdAt(now.minus(Duration.ofMinutes(10)));
		assertThat(nonces.find("a", windowStart)).isEqualTo(a2);

		nonces.stored("c", a2 + 1);
		assertThat(nonces.find("b", 0)).isNull();
		assertThat(nonces.find("a", windowStart)).isEqualTo(a2);

		nonces.forgetBefore(now.minusSeconds(1));
		assertThat(nonces.size()).isEqualTo(2);
		nonces.forgetBefore(now.plusSeconds(1));
		assertThat(nonces.size()).isZero();
	}

	@Test
	void aNonceThatSharesItsHashWithAnotherIsNotTakenForARetry() {
		Room room = fixture.newRoom();
		long user = fixture.newUser();
		long other = fixture.newUser();
		// every key the same hash: each one found is another's until the store checks it
		MessageStore store = fixture.newStore(new LocalNonces(10, key -> 42));
		Instant now = Instant.now();
		Instant since = now.minus(Duration.ofMinutes(10));
		Draft first = draft(room, user, now, "first", "n-1");
		store.appendAll(List.of(first), since);

		Draft sameNonceOtherAuthor = draft(room, other, now, "the other's", "n-1");
		Draft otherNonce = draft(room, user, now, "second", "n-2");
		assertThat(store.appendAll(List.of(sameNonceOtherAuthor), since))
			.containsExactly(new Appended(sameNonceOtherAuthor.message(), false));
		assertThat(store.appendAll(List.of(otherNonce), since))
			.containsExactly(new Appended(otherNonce.message(), false));

		Draft retry = draft(room, user, now, "second again", "n-2");
		assertThat(store.appendAll(List.of(retry), since)).containsExactly(new Appended(otherNonce.message(), true));
		assertThat(store.before(room, Long.MAX_VALUE, 10)).containsExactly(first.message(),
				sameNonceOtherAuthor.message(), otherNonce.message());
	}

	@Property(tries = 300)
	void theLastNoncesStoredAreFoundWithTheirNewestIds(@ForAll @IntRange(min = 1, max = 6) int capacity,
			@ForAll @Size(max = 60) List<@IntRange(min = -3, max = 7) Integer> steps) {
		// a step k >= 0 stores key k; a step -n forgets the ids below the n-th newest
		LocalNonces nonces = new LocalNonces(capacity);
		List<Map.Entry<String, Long>> model = new ArrayList<>();
		Instant start = Instant.parse("2026-12-07T00:00:00Z");
		long second = 0;
		for (int step : steps) {
			if (step >= 0) {
				second++;
				long id = MessageIds.firstIdAt(start.plusSeconds(second));
				nonces.stored("key" + step, id);
				model.add(Map.entry("key" + step, id));
				if (model.size() > capacity) {
					model.removeFirst();
				}
			}
			else {
				Instant cutoff = start.plusSeconds(Math.max(0, second + step + 1));
				nonces.forgetBefore(cutoff);
				model.removeIf(e -> e.getValue() < MessageIds.firstIdAt(cutoff));
			}
			Map<String, Long> newest = new HashMap<>();
			model.forEach(e -> newest.put(e.getKey(), e.getValue()));
			for (int k = 0; k <= 7; k++) {
				assertThat(nonces.find("key" + k, 0)).isEqualTo(newest.get("key" + k));
			}
			assertThat(nonces.size()).isEqualTo(newest.size());
		}
	}

	@Test
	void theRingGrowsAndWrapsAroundWithoutLosingTheNewestNonces() {
		// the queues of stored nonces start with 1 024 slots and grow to 4 096; forgets
		// move their heads first, so each growth copies a wrapped ring
		int capacity = 3000;
		LocalNonces nonces = new LocalNonces(capacity);
		Instant start = Instant.parse("2026-12-07T00:00:00Z");
		List<Long> ids = new ArrayList<>();
		ArrayDeque<Integer> kept = new ArrayDeque<>();
		for (int n = 0; n < 7000; n++) {
			long id = MessageIds.firstIdAt(start.plusSeconds(n));
			nonces.stored("key" + n, id);
			ids.add(id);
			kept.addLast(n);
			if (kept.size() > capacity) {
				kept.removeFirst();
			}
			if (n == 900 || n == 1900) {
				nonces.forgetBefore(start.plusSeconds(n - 300));
				while (kept.getFirst() < n - 300) {
					kept.removeFirst();
				}
			}
			if (n == 900 || n == 1700 || n == 1900 || n == 2500 || n == 4200 || n == 6999) {
				for (int k = 0; k <= n; k++) {
					assertThat(nonces.find("key" + k, 0)).as("key%d after %d", k, n)
						.isEqualTo(kept.contains(k) ? ids.get(k) : null);
				}
				assertThat(nonces.size()).isEqualTo(kept.size());
			}
		}
	}

	@Test
	void aCapacityBelowOneIsRefused() {
		assertThatThrownBy(() -> new LocalNonces(0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 1");
	}

	private static Draft draft(Room room, long user, Instant at, String body, String nonce) {
		long id = MessageIds.firstIdAt(at) + SEQUENCE.incrementAndGet();
		return new Draft(new Message(id, room.slug(), "user" + user, body, MessageIds.timestampOf(id)), room.id(), user,
				nonce);
	}

}
