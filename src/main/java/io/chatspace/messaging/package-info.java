/**
 * Messaging: message ids, the durable message log behind the
 * {@link io.chatspace.messaging.MessageStore} port (group commit, nonce de-duplication),
 * history queries, send rate limits and the HTTP message API. Every accepted message is
 * announced as a {@link io.chatspace.messaging.MessagePosted} event after it is durable,
 * in id order.
 */
package io.chatspace.messaging;
