package io.chatspace.editor;

/**
 * A document's text at a revision.
 *
 * @param rev the number of operations applied
 * @param text the text
 */
public record DocumentSnapshot(long rev, String text) {
}
