package io.chatspace.editor;

/**
 * One stored revision of a document.
 *
 * @param rev the revision this operation produced (1 for the first)
 * @param operation the operation, against revision {@code rev - 1}
 * @param author the author's username
 * @param clientRef the author's reference for the operation (de-duplicates a resend after
 * a reconnect), or {@literal null}
 */
public record DocumentOperation(long rev, TextOperation operation, String author, String clientRef) {
}
