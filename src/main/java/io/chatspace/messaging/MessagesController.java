package io.chatspace.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.chatspace.accounts.Account;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET} and {@code POST /api/rooms/{slug}/messages}. */
@RestController
class MessagesController {

	private final Messages messages;

	private final Rooms rooms;

	MessagesController(Messages messages, Rooms rooms) {
		this.messages = messages;
		this.rooms = rooms;
	}

	@GetMapping("/api/rooms/{slug}/messages")
	Map<String, List<Message>> history(@PathVariable String slug, @RequestParam(required = false) String before,
			@RequestParam(required = false) String after, @RequestParam(defaultValue = "50") int limit, Account me) {
		if (limit < 1 || limit > Messages.MAX_PAGE) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "limit must be 1-" + Messages.MAX_PAGE);
		}
		Long beforeId = id(before, "before");
		Long afterId = id(after, "after");
		Room room = rooms.requireAccessible(slug, me);
		List<Message> page;
		if (afterId != null) {
			long upper = beforeId == null ? Long.MAX_VALUE : beforeId;
			page = messages.after(room, afterId, limit).stream().filter(m -> m.id() < upper).toList();
		}
		else {
			page = messages.before(room, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
		}
		return Map.of("messages", page);
	}

	@PostMapping("/api/rooms/{slug}/messages")
	ResponseEntity<Message> post(@PathVariable String slug, @RequestBody NewMessage body, Account me) {
		Room room = rooms.requireAccessible(slug, me);
		CompletableFuture<Messages.Posted> posted = messages.post(room, me, body.body(), body.nonce());
		try {
			Messages.Posted result = posted.join();
			return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(result.message());
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof ChatSpaceException chatSpace) {
				throw chatSpace;
			}
			throw ex;
		}
	}

	private static Long id(String value, String name) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, name + " must be a message id");
		}
	}

	record NewMessage(String body, String nonce) {
	}

}
