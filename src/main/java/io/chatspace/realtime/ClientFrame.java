package io.chatspace.realtime;

import io.chatspace.editor.TextOperation;

/**
 * A decoded client → server frame of the protocol ({@code docs/protocol.md}). Every frame
 * may carry a {@code ref} (at most 64 characters) that the replies echo.
 */
sealed interface ClientFrame {

	/**
	 * @return the client's correlation reference, or {@literal null}
	 */
	String ref();

	/** {@code join}: subscribe to a room; {@code after} resumes after a message id. */
	record Join(String ref, String room, Long after) implements ClientFrame {
	}

	/** {@code leave}: unsubscribe from a room. */
	record Leave(String ref, String room) implements ClientFrame {
	}

	/** {@code send}: post a message; {@code nonce} de-duplicates retries. */
	record Send(String ref, String room, String body, String nonce) implements ClientFrame {
	}

	/** {@code history}: a page of messages older than {@code before}. */
	record History(String ref, String room, long before, int limit) implements ClientFrame {
	}

	/** {@code typing}: the user is typing in the room. */
	record Typing(String ref, String room) implements ClientFrame {
	}

	/**
	 * {@code doc.open}: open the room's document; {@code rev} catches up from a revision.
	 */
	record DocOpen(String ref, String room, Long rev) implements ClientFrame {
	}

	/**
	 * {@code doc.op}: an operation against revision {@code rev} of the room's document.
	 */
	record DocOp(String ref, String room, long rev, TextOperation op) implements ClientFrame {
	}

	/**
	 * {@code doc.cursor}: the user's selection in the document at revision {@code rev}.
	 */
	record DocCursor(String ref, String room, long rev, int anchor, int head) implements ClientFrame {
	}

	/**
	 * {@code read}: the user has seen the room's messages up to {@code id}; moves their
	 * read marker forward.
	 */
	record Read(String ref, String room, long id) implements ClientFrame {
	}

	/**
	 * {@code presence.watch}: send this socket the server-wide online list now and its
	 * changes from now on.
	 */
	record PresenceWatch(String ref) implements ClientFrame {
	}

	/** {@code ping}: answered with {@code pong}. */
	record Ping(String ref) implements ClientFrame {
	}

}
