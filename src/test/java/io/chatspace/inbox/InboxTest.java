package io.chatspace.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.messaging.Messages;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.TwoUsersInARoom;
import org.junit.jupiter.api.BeforeEach;
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

	// ann created the room, so she follows it
	TwoUsersInARoom given;

	@BeforeEach
	void setUp() {
		given = TwoUsersInARoom.create(accounts, rooms);
	}

	@Test
	void aCountAtTheCapStaysThereUntilTheMarkerMovesAndThenCountsFromTheMarker() {
		List<Long> ids = post(given.bob(), Inbox.MAX_UNREAD + 20);

		assertThat(annsUnread()).isEqualTo(Inbox.MAX_UNREAD);
		post(given.bob(), 3);
		assertThat(annsUnread()).isEqualTo(Inbox.MAX_UNREAD);

		// read up to the 1 000th: 20 + 3 left
		assertThat(inbox.markRead(given.ann(), given.room(), ids.get(Inbox.MAX_UNREAD - 1))).isTrue();
		assertThat(annsUnread()).isEqualTo(23);
		post(given.ann(), 2);
		post(given.bob(), 2);
		assertThat(annsUnread()).isEqualTo(25);
		assertThat(inbox.conversations(given.ann())).filteredOn(c -> c.slug().equals(given.room().slug()))
			.singleElement()
			.extracting(Conversation::unread)
			.isEqualTo(25);
	}

	@Test
	void aCountGrowsMessageByMessageAndIgnoresTheReadersOwn() {
		int expected = 0;
		for (int round = 0; round < 5; round++) {
			post(given.bob(), round + 1);
			post(given.ann(), 1);
			expected += round + 1;
			assertThat(annsUnread()).isEqualTo(expected);
		}
		List<Long> last = post(given.bob(), 2);
		assertThat(inbox.markRead(given.ann(), given.room(), last.get(0))).isTrue();
		assertThat(annsUnread()).isEqualTo(1);
	}

	private int annsUnread() {
		return inbox.conversation(given.ann(), given.room()).unread();
	}

	private List<Long> post(Account author, int count) {
		List<CompletableFuture<Messages.Posted>> posted = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			posted.add(messages.post(given.room(), author, "message " + i, null));
		}
		return posted.stream().map(f -> f.join().message().id()).toList();
	}

}
