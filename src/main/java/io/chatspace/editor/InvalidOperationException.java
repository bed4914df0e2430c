package io.chatspace.editor;

/**
 * An operation that cannot be applied: wrong base length, a split surrogate pair, a
 * malformed component. Answered with {@code bad_request}; nothing is applied.
 */
public class InvalidOperationException extends IllegalArgumentException {

	/**
	 * @param message what is wrong, safe to show to the client
	 */
	public InvalidOperationException(String message) {
		super(message);
	}

}
