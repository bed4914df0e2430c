package io.chatspace.editor;

/**
 * Published synchronously, under the document's lock, just before an operation is stored
 * as revision {@code rev}: with several nodes the gateway tells the others first, so that
 * a revision stored by a node that dies before announcing it still reaches them (they
 * read it from the store when its announcement is not followed).
 *
 * @param room the room's slug
 * @param rev the revision about to be stored (it may be taken by another node first; then
 * the next one is announced)
 */
public record DocumentCommitting(String room, long rev) {
}
