/**
 * Inbox: what each user has read and what is new for them. A read marker per user and
 * room (the last message id seen, only moving forward), unread counts, and the caller's
 * room list with them ({@code GET /api/rooms}). A marker that moves is announced as
 * {@link io.chatspace.inbox.ReadMarkerMoved}.
 */
package io.chatspace.inbox;
