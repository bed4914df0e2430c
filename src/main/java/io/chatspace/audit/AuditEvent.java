package io.chatspace.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One entry of a room's audit log; its JSON form is
 * {@code {"id","room","type","user","actor"?,"node","at"}}.
 *
 * @param id a 64-bit time-ordered id (decimal string on the wire), the paging cursor
 * @param roomId the room's database id (never sent)
 * @param room the room's slug
 * @param type what happened: {@code room.created}, {@code member.joined},
 * {@code member.left}, {@code member.added}, {@code member.removed}
 * @param user whom it concerns (the creator, the member)
 * @param actor who did it when that is someone else (an owner adding a member), or
 * {@literal null}
 * @param node the node that recorded it ({@code <host>/<node id>})
 * @param at when it happened (ISO-8601 UTC with milliseconds)
 */
public record AuditEvent(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, @JsonIgnore long roomId, String room,
		String type, String user, String actor, String node, @JsonFormat(shape = JsonFormat.Shape.STRING,
				pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSX", timezone = "UTC") Instant at) {

	/** A room was created; {@code user} is its owner. */
	public static final String ROOM_CREATED = "room.created";

	/** A user's first socket joined the room. */
	public static final String MEMBER_JOINED = "member.joined";

	/** A user's last socket left the room. */
	public static final String MEMBER_LEFT = "member.left";

	/** A user was made a member of a private room. */
	public static final String MEMBER_ADDED = "member.added";

	/** A member was removed from a private room (or left it). */
	public static final String MEMBER_REMOVED = "member.removed";

}
