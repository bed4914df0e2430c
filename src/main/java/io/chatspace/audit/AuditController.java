package io.chatspace.audit;

import java.util.List;
import java.util.Map;

import io.chatspace.accounts.Account;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomMembers;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms/{slug}/audit?before=&limit=}: the room's audit log, newest first,
 * for its owner only.
 */
@RestController
class AuditController {

	/** The most events one page may hold. */
	static final int MAX_PAGE = 200;

	private final AuditLog auditLog;

	private final Rooms rooms;

	AuditController(AuditLog auditLog, Rooms rooms) {
		this.auditLog = auditLog;
		this.rooms = rooms;
	}

	@GetMapping("/api/rooms/{slug}/audit")
	Map<String, List<AuditEvent>> audit(@PathVariable String slug, @RequestParam(required = false) String before,
			@RequestParam(defaultValue = "50") int limit, Account me) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "limit must be 1-" + MAX_PAGE);
		}
		long beforeId = cursor(before);
		Room room = requireOwner(rooms, slug, me);
		return Map.of("events", auditLog.before(room.id(), beforeId, limit));
	}

	static long cursor(String before) {
		if (before == null || before.isEmpty()) {
			return Long.MAX_VALUE;
		}
		try {
			return Long.parseLong(before);
		}
		catch (NumberFormatException ex) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "before must be an event id");
		}
	}

	/**
	 * @return the room, when the caller owns it
	 * @throws ChatSpaceException {@code not_found} for an unknown room, {@code forbidden}
	 * for anyone but its owner
	 */
	static Room requireOwner(Rooms rooms, String slug, Account caller) {
		Room room = rooms.find(slug)
			.orElseThrow(() -> new ChatSpaceException(ErrorCode.NOT_FOUND, "no room '" + slug + "'"));
		if (!RoomMembers.isOwner(room, caller)) {
			throw new ChatSpaceException(ErrorCode.FORBIDDEN, "only the owner of '" + slug + "' reads its audit log");
		}
		return room;
	}

}
