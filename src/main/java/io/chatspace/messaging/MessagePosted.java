package io.chatspace.messaging;

/**
 * Published (synchronously, on the writer thread, in id order) once a message is durable.
 *
 * @param message the stored message
 * @param roomId the room's database id
 */
public record MessagePosted(Message message, long roomId) {
}
