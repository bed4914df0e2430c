package io.chatspace.rooms;

/**
 * Published after the transaction that removed a member from a private room has
 * committed. From then on the user may not read or write the room; the gateway ends their
 * subscriptions to it on every socket.
 *
 * @param roomId the room's database id
 * @param room the room's slug
 * @param userId the removed member's account id
 * @param username the removed member's name
 */
public record MemberRemoved(long roomId, String room, long userId, String username) {
}
