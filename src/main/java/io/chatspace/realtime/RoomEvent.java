package io.chatspace.realtime;

/**
 * A server → client event for everyone in a room, encoded once on the node that produced it
 * and sent as the same bytes to every socket.
 *
 * @param room the topic: the room's slug, or {@code doc:<slug>} for its document
 * @param messageId the message id for {@code message} events, the revision for document
 * operations (used to drop events a socket already got as history or snapshot), {@code 0} for
 * other events
 * @param exceptUser a username whose sockets must not get the event ({@code typing} is not
 * echoed to the typist), or {@literal null}
 * @param exceptSocket a socket id that must not get the event (a document operation is not
 * sent back to the socket that made it), or {@literal null}
 * @param frame the UTF-8 JSON text frame
 */
public record RoomEvent(String room, long messageId, String exceptUser, String exceptSocket, byte[] frame) {

	/** Topic prefix of a room's document: {@code doc:<slug>}. */
	public static final String DOCUMENT_TOPIC = "doc:";

	/**
	 * An event for everyone in the room.
	 * @param room the topic: the room's slug, or {@code doc:<slug>} for its document
	 * @param messageId the message id, or {@code 0}
	 * @param frame the UTF-8 JSON text frame
	 * @return the event
	 */
	public static RoomEvent toRoom(String room, long messageId, byte[] frame) {
		return new RoomEvent(room, messageId, null, null, frame);
	}

}
