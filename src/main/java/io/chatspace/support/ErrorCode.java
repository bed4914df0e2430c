package io.chatspace.support;

/**
 * The error codes of the ChatSpace wire protocol ({@code docs/protocol.md}), each with
 * the HTTP status it maps to on the HTTP API. The {@link #code()} string is what clients
 * see in {@code {"error":"<code>"}} bodies and WebSocket {@code error} frames.
 */
public enum ErrorCode {

	/** Malformed or missing fields. */
	BAD_REQUEST("bad_request", 400),
	/** A WebSocket frame whose {@code type} the server does not know. */
	UNKNOWN_TYPE("unknown_type", 400),
	/** No or invalid credentials. */
	UNAUTHORIZED("unauthorized", 401),
	/** Authenticated, but not allowed to do this. */
	FORBIDDEN("forbidden", 403),
	/** The room, user or resource does not exist. */
	NOT_FOUND("not_found", 404),
	/** A room-scoped WebSocket frame for a room the socket has not joined. */
	NOT_JOINED("not_joined", 409),
	/** The name is taken (ChatSpace extension for HTTP {@code 409}). */
	CONFLICT("conflict", 409),
	/** A body or frame over its size limit. */
	TOO_LARGE("too_large", 413),
	/** Too many requests; retry later. */
	RATE_LIMITED("rate_limited", 429),
	/** A store the server needs is down; nothing was accepted, retry later. */
	UNAVAILABLE("unavailable", 503),
	/** An unexpected server error; details are logged, never sent. */
	INTERNAL("internal", 500);

	private final String code;

	private final int httpStatus;

	ErrorCode(String code, int httpStatus) {
		this.code = code;
		this.httpStatus = httpStatus;
	}

	/**
	 * @return the wire form, e.g. {@code "not_found"}
	 */
	public String code() {
		return code;
	}

	/**
	 * @return the HTTP status used on the HTTP API, e.g. {@code 404}
	 */
	public int httpStatus() {
		return httpStatus;
	}

}
