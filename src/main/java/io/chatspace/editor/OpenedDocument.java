package io.chatspace.editor;

import java.util.List;

/**
 * A document as opened by a client: the current revision and text, and, for a client that
 * already had an older revision, the operations it missed (consistent with the text:
 * applying them to the client's revision gives {@code text}).
 *
 * @param rev the current revision
 * @param text the current text
 * @param missed the operations after the revision the client had, or empty
 */
public record OpenedDocument(long rev, String text, List<DocumentOperation> missed) {
}
