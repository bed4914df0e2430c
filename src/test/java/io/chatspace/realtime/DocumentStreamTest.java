package io.chatspace.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatspace.editor.DocumentOperation;
import io.chatspace.editor.TextOperation;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.support.ChatClient;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document's stream on one node delivers operations in strict revision order whatever
 * order the broker brings them in, drops repeats, and reads from the store a revision
 * that does not come (lost while the broker was interrupted).
 */
class DocumentStreamTest {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<Long, DocumentOperation> store = new ConcurrentHashMap<>();

	private final AtomicInteger storeReads = new AtomicInteger();

	private final List<Long> delivered = new CopyOnWriteArrayList<>();

	private final List<String> frames = new CopyOnWriteArrayList<>();

	private final Room room = new Room(1, "notes", "Notes", RoomKind.PUBLIC, null);

	@AfterEach
	void stop() {
		timer.shutdownNow();
		reader.shutdownNow();
	}

	@Test
	void laterRevisionsWaitForEarlierOnes() {
		DocumentStream stream = stream(Duration.ofSeconds(30));
		stream.anchor(3);
		stream.event(op(6));
		stream.event(op(5));
		assertThat(delivered).isEmpty();
		stream.event(op(4));
		assertThat(delivered).containsExactly(4L, 5L, 6L);
		stream.event(op(5));
		stream.event(op(3));
		stream.event(op(7));
		assertThat(delivered).containsExactly(4L, 5L, 6L, 7L);
		assertThat(storeReads).hasValue(0);
	}

	@Test
	void aRevisionThatDoesNotComeIsReadFromTheStore() {
		DocumentStream stream = stream(Duration.ofMillis(50));
		stream.anchor(0);
		stream.event(op(1));
		stored(2);
		stored(3);
		stream.event(op(3));
		ChatClient.waiting().until(() -> delivered.size() == 3);
		assertThat(delivered).containsExactly(1L, 2L, 3L);
		// the stored one is the same operation, encoded from the store
		assertThat(frames.get(1)).isEqualTo("stored 2");
		stream.event(op(2));
		stream.event(op(4));
		assertThat(delivered).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void afterAnInterruptionTheStoreIsAskedAtOnce() {
		DocumentStream stream = stream(Duration.ofSeconds(30));
		stream.anchor(2);
		stored(3);
		stored(4);
		stream.interrupted();
		stream.resumed();
		ChatClient.waiting().until(() -> delivered.size() == 2);
		assertThat(delivered).containsExactly(3L, 4L);
	}

	@Test
	void eventsBeforeTheFirstSnapshotWaitForIt() {
		DocumentStream stream = stream(Duration.ofSeconds(30));
		stream.event(op(8));
		stream.event(op(9));
		stream.anchor(8);
		assertThat(delivered).containsExactly(9L);
	}

	private DocumentStream stream(Duration gapTimeout) {
		DocumentStream stream = new DocumentStream(room, null, this::storedAfter, timer, reader, gapTimeout);
		stream.members.add(event -> {
			delivered.add(event.rev());
			frames.add(new String(event.frame(), StandardCharsets.UTF_8));
		});
		return stream;
	}

	private List<DocumentEvent> storedAfter(long rev) {
		storeReads.incrementAndGet();
		List<DocumentEvent> events = new ArrayList<>();
		for (long r = rev + 1; store.containsKey(r); r++) {
			events.add(DocumentStream.stored(store.get(r), ("stored " + r).getBytes(StandardCharsets.UTF_8), null));
		}
		if (rev < 0) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "no revision " + rev);
		}
		return events;
	}

	private void stored(long rev) {
		store.put(rev, new DocumentOperation(rev, TextOperation.builder().insert("x").build(), "alice", "r" + rev));
	}

	private static RoomEvent op(long rev) {
		return new RoomEvent("doc:notes", rev, null, null, ("live " + rev).getBytes(StandardCharsets.UTF_8), null);
	}

}
