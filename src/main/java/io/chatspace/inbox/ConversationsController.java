package io.chatspace.inbox;

import java.security.Principal;
import java.util.List;

import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms}: the rooms the caller can see, direct rooms included, with
 * unread counts.
 */
@RestController
class ConversationsController {

	private final Inbox inbox;

	private final Accounts accounts;

	ConversationsController(Inbox inbox, Accounts accounts) {
		this.inbox = inbox;
		this.accounts = accounts;
	}

	@GetMapping("/api/rooms")
	List<Conversation> list(Principal principal) {
		return inbox.conversations(accounts.findByUsername(principal.getName())
			.orElseThrow(() -> new ChatSpaceException(ErrorCode.UNAUTHORIZED, "unknown user")));
	}

}
