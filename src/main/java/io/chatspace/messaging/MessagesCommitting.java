package io.chatspace.messaging;

import java.util.List;

/**
 * Published synchronously on the writer thread just before a batch is committed: the ids
 * these messages will have if the commit succeeds. With several nodes the gateway tells
 * the others before the commit, so that a message stored by a node that dies before it
 * could announce it is still delivered (the others read it from the store when its
 * announcement does not follow).
 *
 * @param messages the messages about to be committed, ids assigned, in id order
 */
public record MessagesCommitting(List<Message> messages) {
}
