package io.chatspace.inbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;

/**
 * One room in a user's room list, as the user sees it:
 * {@code {"slug","name","kind","with"?,"unread","lastId"?}}.
 *
 * @param room the room (not sent)
 * @param slug the room's slug
 * @param name the name to show: the room's, or for a direct room the other member's
 * @param kind public, private or direct
 * @param with for a direct room, the other member; otherwise {@literal null} (omitted)
 * @param unread messages by others after the user's read marker, at most
 * {@link Inbox#MAX_UNREAD}; 0 for a public room the user does not follow
 * @param lastId the id of the room's newest message as a decimal string, for rooms the
 * user follows that have messages; otherwise {@literal null} (omitted)
 */
public record Conversation(@JsonIgnore Room room, String slug, String name, RoomKind kind, String with, int unread,
		String lastId) {
}
