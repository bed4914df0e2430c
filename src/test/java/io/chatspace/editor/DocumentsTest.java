package io.chatspace.editor;

import java.util.List;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;
import io.chatspace.support.TwoUsersInARoom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The document service on the real (embedded) database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentsTest {

	@Autowired
	Documents documents;

	@Autowired
	DocumentRepository repository;

	@Autowired
	EditorProperties properties;

	@Autowired
	Accounts accounts;

	@Autowired
	Rooms rooms;

	Account ann;

	Account bob;

	Room room;

	@BeforeEach
	void setUp() {
		TwoUsersInARoom given = TwoUsersInARoom.create(accounts, rooms);
		ann = given.ann();
		bob = given.bob();
		room = given.room();
	}

	@Test
	void aNewDocumentIsEmptyAtRevisionZero() {
		assertThat(documents.snapshot(room)).isEqualTo(new DocumentSnapshot(0, ""));
	}

	@Test
	void concurrentOperationsAreTransformedAndBothSurvive() {
		documents.apply(room, ann, 0, op().insert("hello world").build(), "a1", null);
		// both made against revision 1
		var first = documents.apply(room, ann, 1, op().retain(5).insert(",").retain(6).build(), "a2", null);
		var second = documents.apply(room, bob, 1, op().retain(11).insert("!").build(), "b1", null);
		assertThat(first.rev()).isEqualTo(2);
		assertThat(second.rev()).isEqualTo(3);
		assertThat(second.operation().operation()).isEqualTo(op().retain(12).insert("!").build());
		assertThat(documents.snapshot(room)).isEqualTo(new DocumentSnapshot(3, "hello, world!"));
		assertThat(documents.operationsSince(room, 1)).extracting(DocumentOperation::rev).containsExactly(2L, 3L);
	}

	@Test
	void aResentOperationIsNotAppliedTwice() {
		documents.apply(room, ann, 0, op().insert("abc").build(), "x", null);
		var again = documents.apply(room, ann, 0, op().insert("abc").build(), "x", null);
		assertThat(again.duplicate()).isTrue();
		assertThat(again.rev()).isEqualTo(1);
		assertThat(documents.snapshot(room).text()).isEqualTo("abc");
	}

	@Test
	void invalidOperationsAreRejectedAndChangeNothing() {
		documents.apply(room, ann, 0, op().insert("abc").build(), null, null);
		assertThatThrownBy(() -> documents.apply(room, bob, 1, op().retain(4).build(), null, null))
			.isInstanceOfSatisfying(ChatSpaceException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST));
		assertThatThrownBy(() -> documents.apply(room, bob, 7, op().retain(3).build(), null, null))
			.isInstanceOfSatisfying(ChatSpaceException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST));
		assertThat(documents.snapshot(room)).isEqualTo(new DocumentSnapshot(1, "abc"));
	}

	@Test
	void theCapCountsADocumentAsSentSoControlCharactersTakeSixBytes() {
		int max = (int) properties.maxDocument().toBytes();
		// U+0001 goes out as \u0001 in doc.snapshot's text: six bytes
		String controls = "\u0001".repeat(max / 6);
		documents.apply(room, ann, 0, op().insert(controls).build(), null, null);
		assertThatThrownBy(
				() -> documents.apply(room, ann, 1, op().retain(max / 6).insert("\u0002").build(), null, null))
			.isInstanceOfSatisfying(ChatSpaceException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TOO_LARGE));
		// a line break is \n, a quote \": two bytes each
		documents.apply(room, ann, 1, op().delete(max / 6).insert("\n\"".repeat(max / 4)).build(), null, null);
		assertThatThrownBy(() -> documents.apply(room, ann, 2, op().retain(max / 2).insert("x").build(), null, null))
			.isInstanceOfSatisfying(ChatSpaceException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TOO_LARGE));
		assertThat(documents.snapshot(room)).isEqualTo(new DocumentSnapshot(2, "\n\"".repeat(max / 4)));
	}

	@Test
	void documentsAreCappedInSize() {
		int max = (int) properties.maxDocument().toBytes();
		documents.apply(room, ann, 0, op().insert("x".repeat(max - 1)).build(), null, null);
		assertThatThrownBy(() -> documents.apply(room, ann, 1, op().retain(max - 1).insert("yy").build(), null, null))
			.isInstanceOfSatisfying(ChatSpaceException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TOO_LARGE));
		// deleting is always allowed
		documents.apply(room, ann, 1, op().delete(max - 1).build(), null, null);
		assertThat(documents.snapshot(room).text()).isEmpty();
	}

	@Test
	void theStoredSnapshotAndLogRebuildTheDocument() {
		String expected = "";
		for (int i = 0; i < properties.snapshotEvery() + 7; i++) {
			TextOperation o = op().retain(expected.length()).insert(Integer.toString(i % 10)).build();
			documents.apply(room, i % 2 == 0 ? ann : bob, i, o, null, null);
			expected = o.apply(expected);
		}
		DocumentSnapshot stored = repository.snapshot(room.id()).orElseThrow();
		assertThat(stored.rev()).isEqualTo(properties.snapshotEvery());
		String rebuilt = stored.text();
		List<DocumentOperation> tail = repository.operationsAfter(room.id(), stored.rev());
		assertThat(tail).hasSize(7);
		for (DocumentOperation o : tail) {
			rebuilt = o.operation().apply(rebuilt);
		}
		assertThat(rebuilt).isEqualTo(expected).isEqualTo(documents.snapshot(room).text());
	}

	@Test
	void aWriterThatLostTheRaceForARevisionCatchesUpAndRetries() {
		documents.apply(room, ann, 0, op().insert("base").build(), null, null);
		// another node stores revision 2 behind this node's back
		repository.append(room.id(), new DocumentOperation(2, op().insert(">").retain(4).build(), bob.username(), null),
				bob.id(), java.time.Instant.now());
		var applied = documents.apply(room, ann, 1, op().retain(4).insert("<").build(), null, null);
		assertThat(applied.rev()).isEqualTo(3);
		assertThat(documents.snapshot(room)).isEqualTo(new DocumentSnapshot(3, ">base<"));
	}

	private static TextOperation.Builder op() {
		return TextOperation.builder();
	}

}
