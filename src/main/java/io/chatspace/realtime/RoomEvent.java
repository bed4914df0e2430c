package io.chatspace.realtime;

/**
 * A server → client event for everyone on a topic, encoded once on the node that produced
 * it and sent as the same bytes to every socket.
 *
 * @param room the topic: the room's slug, {@code doc:<slug>} for its document,
 * {@code user:<id>} for one user's sockets
 * @param messageId the message id for {@code message} events, the revision for document
 * operations (used to order them and to drop what a socket already has), {@code 0} for
 * other events
 * @param exceptUser a username whose sockets must not get the event ({@code typing} is
 * not echoed to the typist), or {@literal null}
 * @param originSocket the id of the socket that caused the event, or {@literal null}: it
 * gets {@code originFrame} instead of {@code frame}
 * @param frame the UTF-8 JSON text frame
 * @param originFrame what the origin socket gets instead (a document operation's author
 * gets its {@code doc.ack} in the same stream as everyone's operations, so in revision
 * order), or {@literal null} for nothing
 * @param revokes on a user's topic: the slug of a room the user was removed from; every
 * node ends the user's subscriptions to it before sending the frame, or {@literal null}
 */
public record RoomEvent(String room, long messageId, String exceptUser, String originSocket, byte[] frame,
		byte[] originFrame, String revokes) {

	/** Topic prefix of a room's document: {@code doc:<slug>}. */
	public static final String DOCUMENT_TOPIC = "doc:";

	/**
	 * An event that revokes nothing.
	 * @param room the topic
	 * @param messageId the message id or revision, or {@code 0}
	 * @param exceptUser a username whose sockets must not get it, or {@literal null}
	 * @param originSocket the socket that caused it, or {@literal null}
	 * @param frame the UTF-8 JSON text frame
	 * @param originFrame what the origin socket gets instead, or {@literal null}
	 */
	public RoomEvent(String room, long messageId, String exceptUser, String originSocket, byte[] frame,
			byte[] originFrame) {
		this(room, messageId, exceptUser, originSocket, frame, originFrame, null);
	}

	/**
	 * An event for everyone on the topic.
	 * @param room the topic: the room's slug, or {@code doc:<slug>} for its document
	 * @param messageId the message id, or {@code 0}
	 * @param frame the UTF-8 JSON text frame
	 * @return the event
	 */
	public static RoomEvent toRoom(String room, long messageId, byte[] frame) {
		return new RoomEvent(room, messageId, null, null, frame, null);
	}

}
