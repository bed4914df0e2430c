package io.chatspace.presence;

import java.util.List;

/**
 * Users who appeared in or vanished from a room other than by joining or leaving on this
 * node: a node that died (its users' presence expired) or presence restored after Redis
 * lost it. Published on one node; the gateway announces it to the room.
 *
 * @param room the room's slug
 * @param joins users who appeared
 * @param leaves users who vanished
 */
public record RoomPresenceChanged(String room, List<String> joins, List<String> leaves) {
}
