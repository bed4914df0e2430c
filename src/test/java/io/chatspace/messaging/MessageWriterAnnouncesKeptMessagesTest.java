package io.chatspace.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A unit test of {@link MessageWriter} with a stand-in store that behaves like Cassandra
 * when a write times out: it keeps the message but reports a failure. The sender gets
 * {@code unavailable}, nothing is announced; its retry with the same nonce finds the kept
 * message, is acknowledged with it, and the message is announced then, once.
 */
class MessageWriterAnnouncesKeptMessagesTest {

	@Test
	void aMessageKeptByAFailedBatchIsAnnouncedWhenItsRetryFindsIt() throws Exception {
		KeepingStore store = new KeepingStore();
		// published on the writer thread, just after the sender's future completes
		List<Object> events = new CopyOnWriteArrayList<>();
		// (MessagesCommitting, published before every commit attempt, is not what this is
		// about)
		MessageWriter writer = new MessageWriter(store, new MessageIds(1), event -> {
			if (event instanceof MessagePosted) {
				events.add(event);
			}
		}, Clock.systemUTC(),
				new MessagingProperties(512, 100, Duration.ofMinutes(10), 0, DataSize.ofMegabytes(1), true, 1000),
				new RecentMessages(store, 0, 0));
		writer.start();
		try {
			CompletableFuture<MessageStore.Appended> first = writer.submit(pending("n-1"));
			assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).cause()
				.isInstanceOfSatisfying(ChatSpaceException.class,
						ex -> assertThat(ex.code()).isEqualTo(ErrorCode.UNAVAILABLE));
			assertThat(events).isEmpty();

			MessageStore.Appended retried = writer.submit(pending("n-1")).get(5, TimeUnit.SECONDS);
			assertThat(retried.duplicate()).isTrue();
			assertThat(retried.message()).isEqualTo(store.kept.getFirst());
			await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
			assertThat(events).singleElement().isEqualTo(new MessagePosted(store.kept.getFirst(), 7));

			// a third send with the nonce is an ordinary duplicate: not announced again
			assertThat(writer.submit(pending("n-1")).get(5, TimeUnit.SECONDS).duplicate()).isTrue();
			writer.submit(new MessageWriter.Pending(7, "room", 3, "alice", "later", null, new CompletableFuture<>()))
				.get(5, TimeUnit.SECONDS);
			// the writer handles batches in order: the later message's event follows any
			// event of the duplicate
			await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);
			assertThat(events).hasSize(2);
			assertThat(((MessagePosted) events.getLast()).message().body()).isEqualTo("later");
		}
		finally {
			writer.stop();
		}
	}

	private static MessageWriter.Pending pending(String nonce) {
		return new MessageWriter.Pending(7, "room", 3, "alice", "hello", nonce, new CompletableFuture<>());
	}

	/**
	 * Keeps the first batch and reports a failure; answers later nonces with it and
	 * stores messages without a nonce.
	 */
	private static final class KeepingStore implements MessageStore {

		final List<Message> kept = new ArrayList<>();

		@Override
		public List<Appended> appendAll(List<Draft> drafts, Instant nonceSince) {
			if (kept.isEmpty()) {
				kept.add(drafts.getFirst().message());
				throw new DataAccessResourceFailureException("write timed out");
			}
			return drafts.stream()
				.map(d -> d.nonce() == null ? new Appended(d.message(), false) : new Appended(kept.getFirst(), true))
				.toList();
		}

		@Override
		public List<Message> before(io.chatspace.rooms.Room room, long beforeId, int limit) {
			return List.of();
		}

		@Override
		public List<Message> after(io.chatspace.rooms.Room room, long afterId, int limit) {
			return List.of();
		}

		@Override
		public int countBetween(io.chatspace.rooms.Room room, long afterId, long upToId, long readerId, int cap) {
			return 0;
		}

	}

}
