package io.chatspace.inbox;

/**
 * A user's read marker in a room moved forward (or was set for the first time).
 *
 * @param userId the reader's account id
 * @param roomId the room's database id
 * @param room the room's slug
 * @param lastReadId the marker: the highest message id read
 */
public record ReadMarkerMoved(long userId, long roomId, String room, long lastReadId) {
}
