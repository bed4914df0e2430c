/**
 * The WebSocket gateway ({@code GET /ws}): handshake checks, the frame codec, per-socket
 * bounded outbound buffers, room subscriptions with gap-free resume, and fan-out through
 * the {@link io.chatspace.realtime.Broker} port (in-process now; Redis pub/sub when
 * scaled out).
 */
package io.chatspace.realtime;
