package io.chatspace.rooms;

/**
 * Published when a room is created (listeners that store something should wait for the
 * creating transaction to commit: {@code @TransactionalEventListener}).
 *
 * @param roomId the room's database id
 * @param room the room's slug
 * @param kind its kind
 * @param ownerId the creator's account id
 * @param owner the creator's username
 */
public record RoomCreated(long roomId, String room, RoomKind kind, long ownerId, String owner) {
}
