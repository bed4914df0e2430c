package io.chatspace.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.messaging.Messages;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.rooms.Rooms;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unread counts on the real (embedded) database; a thousand messages need no rate limit.
 * With the late-commit window of several nodes (5 s) every message here is newer than it,
 * so each count is read afresh; {@link SettledUnreadCountsTest} runs the same with a
 * window of 0 (one node, the default), where each count is carried forward from the last.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatspace.rate-limit.enabled=false", "chatspace.inbox.late-commit-window=5s" })
class InboxTest {

	@Autowired
	Inbox inbox;

	@Autowired
	Accounts accounts;

	@Autowired
	Rooms rooms;

	@Autowired
	Messages messages;

	@Test
	void aCountAtTheCapStaysThereUntilTheMarkerMovesAndThenCountsFromTheMarker() {
		String run = Long.toString(System.nanoTime(), 36);
		Account ann = accounts.register("ann" + run, "password1");
		Account bob = accounts.register("bob" + run, "password1");
		// ann created the room, so she follows it
		Room room = rooms.create("inbox " + run, RoomKind.PUBLIC, ann);
		List<Long> ids = post(room, bob, Inbox.MAX_UNREAD + 20);

		assertThat(inbox.conversation(ann, room).unread()).isEqualTo(Inbox.MAX_UNREAD);
		post(room, bob, 3);
		assertThat(inbox.conversation(ann, room).unread()).isEqualTo(Inbox.MAX_UNREAD);

		// read up to the 1 000th: 20 + 3 left
		assertThat(inbox.markRead(ann, room, ids.get(Inbox.MAX_UNREAD - 1))).isTrue();
		assertThat(inbox.conversation(ann, room).unread()).isEqualTo(23);
		post(room, ann, 2);
		post(room, bob, 2);
		assertThat(inbox.conversation(ann, room).unread()).isEqualTo(25);
		assertThat(inbox.conversations(ann)).filteredOn(c -> c.slug().equals(room.slug()))
			.singleElement()
			.extracting(Conversation::unread)
			.isEqualTo(25);
	}

	@Test
	void aCountGrowsMessageByMessageAndIgnoresTheReadersOwn() {
		String run = Long.toString(System.nanoTime(), 36);
		Account ann = accounts.register("ann" + run, "password1");
		Account bob = accounts.register("bob" + run, "password1");
		Room room = rooms.create("grows " + run, RoomKind.PUBLIC, ann);
		int expected = 0;
		for (int round = 0; round < 5; round++) {
			post(room, bob, round + 1);
			post(room, ann, 1);
			expected += round + 1;
			assertThat(inbox.conversation(ann, room).unread()).isEqualTo(expected);
		}
		List<Long> last = post(room, bob, 2);
		assertThat(inbox.markRead(ann, room, last.get(0))).isTrue();
		assertThat(inbox.conversation(ann, room).unread()).isEqualTo(1);
	}

	private List<Long> post(Room room, Account author, int count) {
		List<CompletableFuture<Messages.Posted>> posted = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			posted.add(messages.post(room, author, "message " + i, null));
		}
		return posted.stream().map(f -> f.join().message().id()).toList();
	}

}
