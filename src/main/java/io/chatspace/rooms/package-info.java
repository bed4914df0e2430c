/**
 * Rooms: names and slugs, kinds (public, private, direct), membership and the access rule
 * every other module asks before letting a user read or write a room.
 */
package io.chatspace.rooms;
