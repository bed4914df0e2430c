package io.chatspace.rooms;

/**
 * A member of a room, as listed by {@code GET /api/rooms/{slug}/members}:
 * {@code {"username","owner"}}.
 *
 * @param username the member's name
 * @param owner whether the member owns the room (may add and remove members)
 */
public record Member(String username, boolean owner) {
}
