package io.chatspace.realtime;

/**
 * A server → client event for everyone in a room, encoded once on the node that produced it
 * and sent as the same bytes to every socket.
 *
 * @param room the room's slug
 * @param messageId the message id for {@code message} events (used to drop events a
 * socket already got as history), {@code 0} for other events
 * @param exceptUser a username whose sockets must not get the event ({@code typing} is not
 * echoed to the typist), or {@literal null}
 * @param frame the UTF-8 JSON text frame
 */
public record RoomEvent(String room, long messageId, String exceptUser, byte[] frame) {
}
