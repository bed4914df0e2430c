package io.chatspace.rooms;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/dms}: the direct room of the caller and another user. */
@RestController
class DirectRoomsController {

	private final DirectRooms directRooms;

	private final Accounts accounts;

	DirectRoomsController(DirectRooms directRooms, Accounts accounts) {
		this.directRooms = directRooms;
		this.accounts = accounts;
	}

	@PostMapping("/api/dms")
	DirectRoom open(@RequestBody NewDirectRoom body, Account me) {
		if (body.user() == null || body.user().isBlank()) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "user is required");
		}
		Account other = accounts.findByUsername(body.user())
			.orElseThrow(() -> new ChatSpaceException(ErrorCode.NOT_FOUND, "no user '" + body.user() + "'"));
		Room room = directRooms.open(me, other);
		return new DirectRoom(room.slug(), other.username(), RoomKind.DIRECT, other.username());
	}

	record NewDirectRoom(String user) {
	}

	/**
	 * The reply: the contract's {@code slug} and {@code kind}, plus the name to show (the
	 * other user's) and {@code with}, the other user.
	 */
	record DirectRoom(String slug, String name, RoomKind kind, String with) {
	}

}
