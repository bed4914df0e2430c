package io.chatspace.rooms;

import java.security.Principal;
import java.util.List;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/rooms} and {@code POST /api/rooms}. */
@RestController
class RoomsController {

	private final Rooms rooms;

	private final Accounts accounts;

	RoomsController(Rooms rooms, Accounts accounts) {
		this.rooms = rooms;
		this.accounts = accounts;
	}

	@GetMapping("/api/rooms")
	List<Room> list(Principal principal) {
		return rooms.visibleTo(caller(principal));
	}

	@PostMapping("/api/rooms")
	@ResponseStatus(HttpStatus.CREATED)
	Room create(@RequestBody NewRoom body, Principal principal) {
		RoomKind kind;
		try {
			kind = body.kind() == null ? RoomKind.PUBLIC : RoomKind.fromWire(body.kind());
		}
		catch (IllegalArgumentException ex) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "kind must be public or private");
		}
		return rooms.create(body.name(), kind, caller(principal));
	}

	private Account caller(Principal principal) {
		return accounts.findByUsername(principal.getName())
			.orElseThrow(() -> new ChatSpaceException(ErrorCode.UNAUTHORIZED, "unknown user"));
	}

	record NewRoom(String name, String kind) {
	}

}
