/**
 * Shared vocabulary of every module: the protocol's error codes and the exception that
 * carries one, mapped to HTTP statuses and WebSocket {@code error} frames at the edges.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.chatspace.support;
