package io.chatspace.realtime;

/**
 * Published on this node when a user's first socket joins a room (the moment the room's
 * {@code presence} event announces them).
 *
 * @param roomId the room's database id
 * @param room the room's slug
 * @param userId the user's account id
 * @param username the user's name
 */
public record MemberJoined(long roomId, String room, long userId, String username) {
}
