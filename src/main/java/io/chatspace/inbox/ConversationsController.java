package io.chatspace.inbox;

import java.util.List;

import io.chatspace.accounts.Account;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms}: the rooms the caller can see, direct rooms included, with
 * unread counts.
 */
@RestController
class ConversationsController {

	private final Inbox inbox;

	ConversationsController(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/api/rooms")
	List<Conversation> list(Account me) {
		return inbox.conversations(me);
	}

}
