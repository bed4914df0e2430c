package io.chatspace.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.chatspace.messaging.MessageIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link AuditLog} that every adapter passes (H2, PostgreSQL, Cassandra):
 * events by room, newest first, paged with {@code before}, across time buckets and long
 * empty stretches; a batch stored twice (a retry) is stored once.
 */
public abstract class AuditLogContract {

	private static final Instant BOUNDARY = Instant.parse("2026-03-01T00:00:00Z");

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final AtomicLong ROOMS = new AtomicLong(System.nanoTime() & 0xffffffL);

	/**
	 * @return the audit log under test
	 */
	protected abstract AuditLog log();

	private static long idAt(Instant time) {
		return ((time.toEpochMilli() - MessageIds.EPOCH) << 22) | (SEQUENCE.incrementAndGet() & 0x3fffff);
	}

	private static AuditEvent event(long room, Instant at, String type, String user, String actor) {
		return new AuditEvent(idAt(at), room, "room-" + room, type, user, actor, "host/3", at);
	}

	@Test
	void eventsAreReadBackNewestFirstAsStored() {
		long room = ROOMS.incrementAndGet();
		Instant now = Instant.parse("2026-06-01T10:00:00.123Z");
		var created = event(room, now, AuditEvent.ROOM_CREATED, "alice", null);
		var joined = event(room, now.plusMillis(5), AuditEvent.MEMBER_JOINED, "bob", null);
		var added = event(room, now.plusSeconds(1), AuditEvent.MEMBER_ADDED, "carol", "alice");
		var left = event(room, now.plusSeconds(2), AuditEvent.MEMBER_LEFT, "bob", null);
		log().appendAll(List.of(created, joined, added, left));
		assertThat(log().before(room, Long.MAX_VALUE, 50)).containsExactly(left, added, joined, created);
		assertThat(log().before(room, added.id(), 50)).containsExactly(joined, created);
		assertThat(log().before(room, Long.MAX_VALUE, 2)).containsExactly(left, added);
		assertThat(log().before(ROOMS.incrementAndGet(), Long.MAX_VALUE, 50)).isEmpty();
	}

	@Test
	void pagingBackCrossesBucketsAndEmptyStretches() {
		long room = ROOMS.incrementAndGet();
		List<AuditEvent> events = new ArrayList<>();
		for (Instant at : List.of(BOUNDARY.minusMillis(1), BOUNDARY, BOUNDARY.plusMillis(1),
				BOUNDARY.plus(Duration.ofDays(35)), BOUNDARY.plus(Duration.ofDays(35)).plusSeconds(1),
				BOUNDARY.plus(Duration.ofDays(300)))) {
			events.add(event(room, at, AuditEvent.MEMBER_JOINED, "u" + events.size(), null));
		}
		log().appendAll(events);
		List<AuditEvent> newestFirst = events.reversed();
		List<AuditEvent> seen = new ArrayList<>();
		long cursor = Long.MAX_VALUE;
		while (true) {
			List<AuditEvent> page = log().before(room, cursor, 2);
			if (page.isEmpty()) {
				break;
			}
			seen.addAll(page);
			cursor = page.getLast().id();
		}
		assertThat(seen).containsExactlyElementsOf(newestFirst);
	}

	@Test
	void roomsKeepTheirOwnLogsAndARetriedBatchIsStoredOnce() {
		long a = ROOMS.incrementAndGet();
		long b = ROOMS.incrementAndGet();
		Instant now = Instant.parse("2026-07-01T00:00:00Z");
		List<AuditEvent> batch = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			batch.add(event(i % 2 == 0 ? a : b, now.plusMillis(i), AuditEvent.MEMBER_JOINED, "user" + i, null));
		}
		log().appendAll(batch);
		log().appendAll(batch);
		assertThat(log().before(a, Long.MAX_VALUE, 200))
			.containsExactlyElementsOf(batch.stream().filter(e -> e.roomId() == a).toList().reversed());
		assertThat(log().before(b, Long.MAX_VALUE, 200))
			.containsExactlyElementsOf(batch.stream().filter(e -> e.roomId() == b).toList().reversed());
	}

}
