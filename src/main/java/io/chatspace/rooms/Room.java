package io.chatspace.rooms;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A room. Its JSON form on the HTTP API is {@code {"slug","name","kind"}}.
 *
 * @param id the database id (never sent to clients)
 * @param slug the unique URL name, lower case {@code [a-z0-9-]}
 * @param name the display name, 1–64 characters
 * @param kind who may see and join it
 * @param ownerId the creator's account id, {@literal null} for direct rooms
 */
public record Room(@JsonIgnore long id, String slug, String name, RoomKind kind, @JsonIgnore Long ownerId) {
}
