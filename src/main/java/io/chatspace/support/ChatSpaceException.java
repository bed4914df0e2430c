package io.chatspace.support;

import java.util.Map;

/**
 * A failure a client caused or must be told about, carrying its protocol
 * {@link ErrorCode} and a human-readable message that is safe to show (never a stack
 * trace or SQL). Optional {@link #details()} are added to the HTTP error body (e.g. the
 * existing room's {@code slug} on a {@code 409}).
 */
public class ChatSpaceException extends RuntimeException {

	private final ErrorCode code;

	private final Map<String, Object> details;

	/**
	 * @param code the protocol error code
	 * @param message the human-readable message sent to the client
	 */
	public ChatSpaceException(ErrorCode code, String message) {
		this(code, message, Map.of(), null);
	}

	/**
	 * @param code the protocol error code
	 * @param message the human-readable message sent to the client
	 * @param details extra fields for the HTTP error body; must not be {@literal null}
	 * @param cause the underlying failure, logged but never sent, may be {@literal null}
	 */
	public ChatSpaceException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
		super(message, cause);
		this.code = code;
		this.details = Map.copyOf(details);
	}

	/**
	 * @return the protocol error code
	 */
	public ErrorCode code() {
		return code;
	}

	/**
	 * @return extra fields for the HTTP error body, never {@literal null}
	 */
	public Map<String, Object> details() {
		return details;
	}

}
