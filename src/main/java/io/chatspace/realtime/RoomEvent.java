package io.chatspace.realtime;

/**
 * A server → client event for everyone in a room, encoded once on the node that produced
 * it and sent as the same bytes to every socket.
 *
 * @param room the topic: the room's slug, or {@code doc:<slug>} for its document
 * @param messageId the message id for {@code message} events, the revision for document
 * operations (used to drop events a socket already got as history or snapshot), {@code 0}
 * for other events
 * @param exceptUser a username whose sockets must not get the event ({@code typing} is
 * not echoed to the typist), or {@literal null}
 * @param originSocket the id of the socket that caused the event, or {@literal null}: it
 * gets {@code originFrame} instead of {@code frame}
 * @param frame the UTF-8 JSON text frame
 * @param originFrame what the origin socket gets instead (a document operation's author
 * gets its {@code doc.ack} in the same stream as everyone's operations, so in revision
 * order), or {@literal null} for nothing
 */
public record RoomEvent(String room, long messageId, String exceptUser, String originSocket, byte[] frame,
		byte[] originFrame) {

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
		return new RoomEvent(room, messageId, null, null, frame, null);
	}

}
