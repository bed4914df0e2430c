package io.chatspace.realtime;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the WebSocket gateway, {@code chatspace.realtime.*}.
 *
 * @param outboundBuffer the most bytes waiting to be written to one socket; a socket
 * whose client does not read is closed with 1008 when it is exceeded
 * @param maxFrame the largest client frame; larger ones close the socket with 1009
 * @param maxMalformedFrames malformed frames in a row after which the socket is closed
 * (1008)
 * @param sendTimeout how long frames queued for a socket may make no write progress
 * before the connection is cut (the client stopped reading, or the network is gone)
 * @param joinHistory messages sent with {@code joined} on a fresh join
 * @param resumeLimit messages sent with {@code joined} on a resume ({@code after})
 * @param typingInterval the least time between two relayed {@code typing} of one user in
 * one room
 * @param cursorInterval the least time between two relayed {@code doc.cursor} of one user
 * in one document
 * @param allowedOrigins origins besides the server's own allowed to open a
 * cookie-authenticated socket (e.g. {@code https://chat.example.com} behind a proxy)
 * @param heartbeatInterval how long a socket may be silent before the server sends it a
 * WebSocket ping (answered by a pong from any WebSocket stack)
 * @param idleTimeout how long a socket may be silent (no frame, no pong) before the
 * server drops it (close 1001) and its user may go offline
 * @param unreadInterval how often changed unread counts are sent ({@code unread} frames);
 * the changes of one interval are sent once
 * @param resumeOverlap how far before {@code after} a resume looks for messages of other
 * nodes committed late (longer than the clock skew between nodes plus the slowest
 * commit); also how long a room's fan-out remembers delivered ids to drop duplicates
 * @param documentGapTimeout how long a document's stream waits for a missing revision
 * before reading it from the store
 * @param publishTimeout how long a node waits for the event of a message another node
 * announced before committing it; then it reads the message from the store (the other
 * node may have died between its commit and its publish)
 * @param acceptQueue the listening socket's backlog of connections not yet accepted (the
 * kernel caps it at {@code net.core.somaxconn}): deep enough that a reconnect storm of
 * thousands of clients is queued instead of refused and retried seconds later
 * @param fanoutThreads the fan-out lanes (threads writing events to sockets); 0: one per
 * core
 */
@ConfigurationProperties("chatspace.realtime")
record RealtimeProperties(@DefaultValue("1MB") DataSize outboundBuffer, @DefaultValue("64KB") DataSize maxFrame,
		@DefaultValue("20") int maxMalformedFrames, @DefaultValue("10s") Duration sendTimeout,
		@DefaultValue("50") int joinHistory, @DefaultValue("500") int resumeLimit,
		@DefaultValue("1s") Duration typingInterval, @DefaultValue("100ms") Duration cursorInterval,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("25s") Duration heartbeatInterval,
		@DefaultValue("60s") Duration idleTimeout, @DefaultValue("250ms") Duration unreadInterval,
		@DefaultValue("3s") Duration resumeOverlap, @DefaultValue("300ms") Duration documentGapTimeout,
		@DefaultValue("2s") Duration publishTimeout, @DefaultValue("4096") int acceptQueue,
		@DefaultValue("0") int fanoutThreads) {
}
