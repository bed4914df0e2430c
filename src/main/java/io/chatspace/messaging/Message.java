package io.chatspace.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A chat message as stored and as sent: {@code {"id","room","author","body","sentAt"}},
 * with {@code id} as a decimal string (a 64-bit id does not fit a JavaScript number) and
 * {@code sentAt} ISO-8601 UTC with milliseconds.
 *
 * @param id the 64-bit time-ordered id from {@link MessageIds}
 * @param room the room's slug
 * @param author the author's username
 * @param body the text as sent, after trimming; never interpreted as HTML
 * @param sentAt when the server accepted it (the id's timestamp)
 */
public record Message(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, String room, String author, String body,
		@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSX",
				timezone = "UTC") Instant sentAt) {

	/**
	 * @return {@link #id()} as the decimal string of the wire form
	 */
	@JsonIgnore
	public String idString() {
		return Long.toString(id);
	}

}
