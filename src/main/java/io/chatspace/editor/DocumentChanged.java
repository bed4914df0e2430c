package io.chatspace.editor;

/**
 * Published synchronously, in revision order, each time an operation is stored.
 *
 * @param room the room's slug
 * @param operation the stored operation and the revision it produced
 * @param origin the opaque origin the caller of {@link Documents#apply} passed (the
 * gateway passes the author's socket, so the author's own socket is not sent its
 * operation back)
 */
public record DocumentChanged(String room, DocumentOperation operation, String origin) {
}
