package io.chatspace.realtime;

/**
 * One event of a document's stream on this node: a stored operation (live from the broker
 * or read from the store to fill a gap) or a cursor.
 *
 * @param rev the revision the operation produced, {@code 0} for a cursor
 * @param frame what every socket gets
 * @param originFrame what the operation's own socket gets instead (its {@code doc.ack}),
 * or {@literal null}
 * @param originSocket the socket that sent it, when known (live events)
 * @param author the author, when the socket is not known (read from the store)
 * @param ref the author's {@code ref} of the operation, when read from the store
 */
record DocumentEvent(long rev, byte[] frame, byte[] originFrame, String originSocket, String author, String ref) {

	static DocumentEvent live(RoomEvent event) {
		return new DocumentEvent(event.messageId(), event.frame(), event.originFrame(), event.originSocket(), null,
				null);
	}

}
