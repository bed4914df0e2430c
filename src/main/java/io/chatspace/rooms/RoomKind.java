package io.chatspace.rooms;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who may see and join a room. */
public enum RoomKind {

	/** Listed for everyone; anyone logged in may join. */
	PUBLIC,
	/** Listed for and joinable by its members only. */
	PRIVATE,
	/** The one private conversation of two users. */
	DIRECT;

	/**
	 * @return the wire form: {@code public}, {@code private} or {@code direct}
	 */
	@JsonValue
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	static RoomKind fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
