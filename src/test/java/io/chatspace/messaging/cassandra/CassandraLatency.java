package io.chatspace.messaging.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

import io.chatspace.cassandra.CassandraConnection;
import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.MessageStore;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.support.TestCassandra;
import org.HdrHistogram.Histogram;

/**
 * A quick measurement (not a test) of the Cassandra message store against the local node:
 * write latency of {@code appendAll} (one message, and a group commit of 64, with and
 * without nonces) and history-read latency ({@code before} for the latest 50, a page deep
 * in the history, and {@code after} for a resume of 500), p50/p99/max with HdrHistogram.
 * <p>
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.chatspace.messaging.cassandra.CassandraLatency}
 */
public final class CassandraLatency {

	private CassandraLatency() {
	}

	public static void main(String[] args) {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
		CassandraConnection connection = TestCassandra.connect(TestCassandra.uniqueKeyspace("latency"),
				Duration.ofDays(10));
		try {
			CassandraMessageStore store = new CassandraMessageStore(connection);
			MessageIds ids = new MessageIds(1);
			Room room = new Room(1, "latency", "latency", RoomKind.PUBLIC, null);
			long[] nonce = { 0 };
			Instant window = Instant.now().minus(Duration.ofMinutes(10));

			System.out.printf("Cassandra message store, %d rounds per line (after %d warm-up rounds)%n", rounds,
					rounds / 10);
			measure("append 1 message, no nonce", rounds, () -> store.appendAll(drafts(ids, room, 1, null), window));
			measure("append 1 message, nonce", rounds, () -> store.appendAll(drafts(ids, room, 1, nonce), window));
			measure("append 64 messages, nonces (group commit)", rounds / 10,
					() -> store.appendAll(drafts(ids, room, 64, nonce), window));
			// the room now holds about 1.8 × rounds messages
			List<Message> all = store.after(room, 0, 1_000_000);
			long middle = all.get(all.size() / 2).id();
			long resumeFrom = all.get(all.size() - 501).id();
			measure("read latest 50 (before MAX)", rounds, () -> store.before(room, Long.MAX_VALUE, 50));
			measure("read 50 before a message mid-history", rounds, () -> store.before(room, middle, 50));
			measure("read 500 after a message (resume)", rounds / 5, () -> store.after(room, resumeFrom, 500));
		}
		finally {
			TestCassandra.drop(connection);
			connection.stop();
		}
	}

	private static List<MessageStore.Draft> drafts(MessageIds ids, Room room, int count, long[] nonce) {
		List<MessageStore.Draft> drafts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			long id = ids.next();
			String n = nonce == null ? null : "n" + (++nonce[0]);
			drafts.add(new MessageStore.Draft(new Message(id, room.slug(), "bench",
					"a message of about sixty characters, as people write them", MessageIds.timestampOf(id)), room.id(),
					42, n));
		}
		return drafts;
	}

	private static void measure(String what, int rounds, Runnable operation) {
		for (int i = 0; i < rounds / 10; i++) {
			operation.run();
		}
		Histogram histogram = new Histogram(Duration.ofSeconds(10).toNanos(), 3);
		LongConsumer record = histogram::recordValue;
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			long t0 = System.nanoTime();
			operation.run();
			record.accept(System.nanoTime() - t0);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "%-45s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%.0f ops/s)%n", what,
				histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
				histogram.getMaxValue() / 1e6, rounds / seconds);
	}

}
