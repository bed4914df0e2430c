/**
 * Presence: who is in each room ({@link io.chatspace.presence.RoomPresence}) and who is
 * online on the whole server ({@link io.chatspace.presence.OnlineUsers}, announced as
 * coalesced {@link io.chatspace.presence.PresenceChanged} events), and the user list with
 * online state ({@code GET /api/users}). In-process implementations now; Redis ones
 * (shared by all nodes) come with scale-out.
 */
package io.chatspace.presence;
