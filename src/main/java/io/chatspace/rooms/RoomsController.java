package io.chatspace.rooms;

import io.chatspace.accounts.Account;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/rooms}. The caller's room list ({@code GET /api/rooms}, with unread
 * counts) is served by the {@code inbox} module.
 */
@RestController
class RoomsController {

	private final Rooms rooms;

	RoomsController(Rooms rooms) {
		this.rooms = rooms;
	}

	@PostMapping("/api/rooms")
	@ResponseStatus(HttpStatus.CREATED)
	Room create(@RequestBody NewRoom body, Account me) {
		RoomKind kind;
		try {
			kind = body.kind() == null ? RoomKind.PUBLIC : RoomKind.fromWire(body.kind());
		}
		catch (IllegalArgumentException ex) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "kind must be public or private");
		}
		return rooms.create(body.name(), kind, me);
	}

	record NewRoom(String name, String kind) {
	}

}
