package io.chatspace.rooms;

import java.util.List;
import java.util.Map;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET}, {@code POST /api/rooms/{slug}/members} and {@code DELETE
 * /api/rooms/{slug}/members/{user}}.
 */
@RestController
class RoomMembersController {

	private final Rooms rooms;

	private final RoomMembers members;

	private final Accounts accounts;

	RoomMembersController(Rooms rooms, RoomMembers members, Accounts accounts) {
		this.rooms = rooms;
		this.members = members;
		this.accounts = accounts;
	}

	@GetMapping("/api/rooms/{slug}/members")
	Map<String, List<Member>> list(@PathVariable String slug, Account me) {
		Room room = rooms.requireAccessible(slug, me);
		return Map.of("members", members.list(room));
	}

	@PostMapping("/api/rooms/{slug}/members")
	ResponseEntity<Member> add(@PathVariable String slug, @RequestBody NewMember body, Account me) {
		Room room = rooms.requireAccessible(slug, me);
		if (body.user() == null || body.user().isBlank()) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "user is required");
		}
		Account user = user(body.user());
		boolean added = members.add(room, me, user);
		return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new Member(user.username(), false));
	}

	@DeleteMapping("/api/rooms/{slug}/members/{user}")
	ResponseEntity<Void> remove(@PathVariable String slug, @PathVariable("user") String username, Account me) {
		Room room = rooms.requireAccessible(slug, me);
		members.remove(room, me, user(username));
		return ResponseEntity.noContent().build();
	}

	record NewMember(String user) {
	}

	private Account user(String username) {
		return accounts.findByUsername(username)
			.orElseThrow(() -> new ChatSpaceException(ErrorCode.NOT_FOUND, "no user '" + username + "'"));
	}

}
