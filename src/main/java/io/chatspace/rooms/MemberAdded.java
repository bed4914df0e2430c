package io.chatspace.rooms;

/**
 * Published after the transaction that made a user a member of a private or direct room
 * has committed.
 *
 * @param roomId the room's database id
 * @param room the room's slug
 * @param userId the new member's account id
 * @param username the new member's name
 */
public record MemberAdded(long roomId, String room, long userId, String username) {
}
