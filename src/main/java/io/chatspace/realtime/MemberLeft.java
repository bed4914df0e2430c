package io.chatspace.realtime;

/**
 * Published on this node when a user's last socket leaves a room (by {@code leave} or by
 * closing), the moment the room's {@code presence} event announces it.
 *
 * @param roomId the room's database id
 * @param room the room's slug
 * @param userId the user's account id
 * @param username the user's name
 */
public record MemberLeft(long roomId, String room, long userId, String username) {
}
