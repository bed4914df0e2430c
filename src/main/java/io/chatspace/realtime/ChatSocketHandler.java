package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.inbox.Inbox;
import io.chatspace.messaging.Message;
import io.chatspace.messaging.Messages;
import io.chatspace.messaging.MessageIds;
import io.chatspace.presence.PresenceProperties;
import io.chatspace.presence.RoomPresence;
import io.chatspace.presence.RoomPresenceChanged;
import io.chatspace.presence.Typing;
import io.chatspace.rooms.MemberRemoved;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;
import io.chatspace.support.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The gateway: one instance serves every socket. Decodes each frame, checks it (joined?
 * allowed? size? rate?), carries it out and replies; errors become {@code error} frames
 * with the protocol's codes, never stack traces. Drops sockets that stop answering
 * heartbeats ({@link Heartbeats}) and ends a removed member's subscriptions at once. On
 * shutdown every socket is closed with 1001.
 */
@Component
class ChatSocketHandler extends AbstractWebSocketHandler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

	private static final String CONNECTION = "chatspace.connection";

	private static final int LATE_PAGES = 20;

	private static final int LATE_PAGE_SIZE = 1000;

	private final Accounts accounts;

	private final Rooms rooms;

	private final Messages messages;

	private final RoomPresence presence;

	private final Broker broker;

	private final RoomFanout fanout;

	private final FrameCodec codec;

	private final Typing typing;

	private final DocumentCommands documentCommands;

	private final RealtimeProperties properties;

	private final ApplicationEventPublisher events;

	private final Inbox inbox;

	private final UserSockets users;

	private final PresenceRelay onlineUsers;

	private final Heartbeats heartbeats;

	private final PresenceGrace grace;

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	private volatile boolean running;

	ChatSocketHandler(Accounts accounts, Rooms rooms, Messages messages, RoomPresence presence, Typing typing,
			Broker broker, RoomFanout fanout, FrameCodec codec, DocumentCommands documentCommands,
			RealtimeProperties properties, Inbox inbox, UserSockets users, PresenceRelay onlineUsers,
			PresenceProperties presenceProperties, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.rooms = rooms;
		this.messages = messages;
		this.presence = presence;
		this.broker = broker;
		this.fanout = fanout;
		this.codec = codec;
		this.typing = typing;
		this.documentCommands = documentCommands;
		this.properties = properties;
		this.events = events;
		this.inbox = inbox;
		this.users = users;
		this.onlineUsers = onlineUsers;
		this.heartbeats = new Heartbeats(properties.heartbeatInterval(), properties.idleTimeout(),
				properties.sendTimeout(), connections::values, this::timedOut);
		this.grace = new PresenceGrace(presenceProperties.offlineGrace());
		users.onRevoked(this::revoked);
		users.onResumed(this::recheckAccess);
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		Account account = accounts.of(session.getPrincipal()).orElse(null);
		if (account == null || !running) {
			session.close(account == null ? CloseStatus.POLICY_VIOLATION : CloseStatus.GOING_AWAY);
			return;
		}
		Connection connection = new Connection(session.getId(), JettyTransport.of(session), account,
				properties.outboundBuffer().toBytes());
		session.getAttributes().put(CONNECTION, connection);
		connections.put(connection.id(), connection);
		users.add(connection);
		onlineUsers.opened(connection);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		Connection connection = (Connection) session.getAttributes().get(CONNECTION);
		if (connection == null || !connection.isOpen()) {
			return;
		}
		// a frame over the protocol's 64 KiB of UTF-8 never gets here: Jetty counts its
		// bytes and closes the socket with 1009 (JettyUpgrade)
		connection.heard();
		ClientFrame frame;
		try {
			frame = codec.decode(message.getPayload());
		}
		catch (FrameException ex) {
			connection.send(codec.error(ex.ref(), ex.code(), ex.getMessage()));
			if (connection.malformed() > properties.maxMalformedFrames()) {
				connection.close(CloseStatus.POLICY_VIOLATION.withReason("too many malformed frames"));
			}
			return;
		}
		connection.wellFormed();
		try {
			dispatch(connection, frame);
		}
		catch (ChatSpaceException ex) {
			connection.send(codec.error(frame.ref(), ex.code(), ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// a store that cannot be reached is unavailable; anything else is a bug
			ChatSpaceException failure = StoreFailures.toChatSpace(ex);
			if (failure.code() == ErrorCode.UNAVAILABLE) {
				log.warn("frame {} from {}: store access failed: {}", frame.getClass().getSimpleName(),
						connection.username(), ex.toString());
			}
			else {
				log.error("frame {} from {} failed", frame.getClass().getSimpleName(), connection.username(), ex);
			}
			connection.send(codec.error(frame.ref(), failure.code(), failure.getMessage()));
		}
	}

	private void dispatch(Connection connection, ClientFrame frame) {
		switch (frame) {
			case ClientFrame.Join join -> join(connection, join);
			case ClientFrame.Leave leave -> leave(connection, leave);
			case ClientFrame.Send send -> send(connection, send);
			case ClientFrame.History history -> history(connection, history);
			case ClientFrame.Typing t -> typing(connection, t);
			case ClientFrame.Ping ping -> connection.send(codec.pong(ping.ref()));
			case ClientFrame.Read read -> read(connection, read);
			case ClientFrame.PresenceWatch watch -> onlineUsers.watch(connection, watch.ref());
			case ClientFrame.DocOpen open -> documentCommands.open(connection, joined(connection, open.room()), open);
			case ClientFrame.DocOp op -> documentCommands.apply(connection, joined(connection, op.room()), op);
			case ClientFrame.DocCursor cursor ->
				documentCommands.cursor(connection, joined(connection, cursor.room()), cursor);
		}
	}

	private void join(Connection connection, ClientFrame.Join join) {
		Room room = rooms.requireAccessible(join.room(), connection.account());
		RoomSubscription previous = connection.rooms().get(room.slug());
		if (previous != null) {
			fanout.remove(previous);
			previous.cancel();
		}
		RoomSubscription subscription = new RoomSubscription(connection, room);
		connection.rooms().put(room.slug(), subscription);
		// subscribe first, then read history: nothing can fall between the two
		fanout.add(subscription);
		requireStillMember(connection, room, subscription, previous);
		JoinHistory history;
		try {
			history = history(room, join.after());
		}
		catch (RuntimeException ex) {
			// nobody heard of this join: it leaves no presence behind
			connection.rooms().remove(room.slug());
			fanout.remove(subscription);
			throw ex;
		}
		boolean appeared = previous == null && presence.enter(room.slug(), connection.username(), connection.id());
		Set<String> online = presence.online(room.slug());
		MessagesFrameFit.Fitted joined = MessagesFrameFit.fit(history.messages(), history.more(),
				join.after() == null ? MessagesFrameFit.Keep.NEWEST : MessagesFrameFit.Keep.OLDEST_MORE,
				messagesFrameBudget(), (sent, more) -> codec.joined(join.ref(), room.slug(), sent, more, online));
		subscription.goLive(HandOver.of(joined.messages(), join.after()), joined.frame());
		if (appeared) {
			publishPresence(room.slug(), List.of(connection.username()), List.of());
			events.publishEvent(
					new MemberJoined(room.id(), room.slug(), connection.account().id(), connection.username()));
		}
	}

	/**
	 * The history a {@code joined} frame carries: the latest messages on a fresh join. On
	 * a resume, the messages after {@code after} (up to the resume limit) and, before
	 * them, the messages of other nodes in the overlap window before {@code after}: with
	 * several nodes one of those may have been committed after the client got
	 * {@code after}, so the client may lack it (it places messages by id and drops ids it
	 * has). The client provably has the messages of {@code after}'s own node up to
	 * {@code after}, which are not sent again. A node alone has no other node's messages:
	 * it reads only the messages after {@code after}.
	 */
	private JoinHistory history(Room room, Long after) {
		if (after == null) {
			return new JoinHistory(messages.latest(room, properties.joinHistory()), false);
		}
		List<Message> result = new ArrayList<>(lateCandidates(room, after));
		List<Message> newer = messages.after(room, after, properties.resumeLimit() + 1);
		boolean more = newer.size() > properties.resumeLimit();
		result.addAll(more ? newer.subList(0, properties.resumeLimit()) : newer);
		return new JoinHistory(result, more);
	}

	private List<Message> lateCandidates(Room room, long after) {
		if (!broker.spansNodes() || properties.resumeOverlap().isZero() || after <= 0) {
			return List.of();
		}
		int node = MessageIds.nodeOf(after);
		long cursor = MessageIds.firstIdAt(MessageIds.timestampOf(after).minus(properties.resumeOverlap())) - 1;
		List<Message> late = new ArrayList<>();
		for (int page = 0; page < LATE_PAGES; page++) {
			List<Message> batch = messages.after(room, cursor, LATE_PAGE_SIZE);
			for (Message message : batch) {
				if (message.id() > after) {
					return late;
				}
				if (MessageIds.nodeOf(message.id()) != node) {
					late.add(message);
				}
			}
			if (batch.size() < LATE_PAGE_SIZE) {
				return late;
			}
			cursor = batch.getLast().id();
		}
		return late;
	}

	private record JoinHistory(List<Message> messages, boolean more) {
	}

	/**
	 * A member removed while joining: the removal either found this subscription and
	 * ended it, or this check finds the removal (it is announced after it is stored).
	 */
	private void requireStillMember(Connection connection, Room room, RoomSubscription subscription,
			RoomSubscription previous) {
		if (room.kind() == RoomKind.PUBLIC) {
			return;
		}
		boolean member;
		try {
			member = rooms.canAccess(room, connection.account());
		}
		catch (RuntimeException ex) {
			dropJoin(connection, subscription, previous);
			throw ex;
		}
		if (!member) {
			dropJoin(connection, subscription, previous);
			throw new ChatSpaceException(ErrorCode.FORBIDDEN, "you are not a member of '" + room.slug() + "'");
		}
	}

	private void dropJoin(Connection connection, RoomSubscription subscription, RoomSubscription previous) {
		connection.rooms().remove(subscription.slug(), subscription);
		fanout.remove(subscription);
		subscription.cancel();
		if (previous != null) {
			documentCommands.close(connection, subscription.slug());
			if (presence.exit(subscription.slug(), connection.username(), connection.id())) {
				publishPresence(subscription.slug(), List.of(), List.of(connection.username()));
				events.publishEvent(new MemberLeft(subscription.room().id(), subscription.slug(),
						connection.account().id(), connection.username()));
			}
		}
	}

	private void read(Connection connection, ClientFrame.Read read) {
		RoomSubscription subscription = connection.rooms().get(read.room());
		Room room = subscription != null ? subscription.room()
				: rooms.requireAccessible(read.room(), connection.account());
		inbox.markRead(connection.account(), room, read.id());
	}

	private void leave(Connection connection, ClientFrame.Leave leave) {
		RoomSubscription subscription = joined(connection, leave.room());
		unsubscribe(connection, subscription);
		connection.send(codec.left(leave.ref(), subscription.slug()));
	}

	private void send(Connection connection, ClientFrame.Send send) {
		RoomSubscription subscription = joined(connection, send.room());
		String ref = send.ref();
		String room = subscription.slug();
		messages.post(subscription.room(), connection.account(), send.body(), send.nonce())
			.whenComplete((posted, failure) -> {
				if (failure == null) {
					// on the group-commit writer's thread: the lane writes it
					fanout.sendOnLane(connection, codec.ack(ref, room, posted.message()));
				}
				else {
					ChatSpaceException ex = unwrap(failure);
					connection.send(codec.error(ref, ex.code(), ex.getMessage()));
				}
			});
	}

	private void history(Connection connection, ClientFrame.History history) {
		RoomSubscription subscription = joined(connection, history.room());
		List<Message> page = messages.before(subscription.room(), history.before(), history.limit() + 1);
		boolean more = page.size() > history.limit();
		if (more) {
			page = page.subList(1, page.size());
		}
		connection.send(
				MessagesFrameFit
					.fit(page, more, MessagesFrameFit.Keep.NEWEST_MORE, messagesFrameBudget(),
							(sent, older) -> codec.history(history.ref(), subscription.slug(), sent, older))
					.frame());
	}

	/**
	 * @return the most bytes a {@code joined} or {@code history} frame may take: half the
	 * outbound buffer, so that it never cuts the socket it is for
	 */
	private long messagesFrameBudget() {
		return properties.outboundBuffer().toBytes() / 2;
	}

	private void typing(Connection connection, ClientFrame.Typing frame) {
		RoomSubscription subscription = joined(connection, frame.room());
		if (typing.relay(subscription.slug(), connection.username(), properties.typingInterval())) {
			broker.publish(new RoomEvent(subscription.slug(), 0, connection.username(), null,
					codec.typing(subscription.slug(), connection.username()), null));
		}
	}

	private RoomSubscription joined(Connection connection, String slug) {
		RoomSubscription subscription = connection.rooms().get(slug);
		if (subscription != null) {
			return subscription;
		}
		// throws not_found or forbidden when the room is unknown or not the user's
		rooms.requireAccessible(slug, connection.account());
		throw new ChatSpaceException(ErrorCode.NOT_JOINED, "join '" + slug + "' first");
	}

	private void unsubscribe(Connection connection, RoomSubscription subscription) {
		if (stopReceiving(connection, subscription)) {
			leavePresence(subscription.room(), connection.account(), connection.id());
		}
	}

	/**
	 * Ends a subscription at once; the caller takes the socket out of the room's
	 * presence.
	 * @return whether the subscription was still the socket's (false: ended before)
	 */
	private boolean stopReceiving(Connection connection, RoomSubscription subscription) {
		if (!connection.rooms().remove(subscription.slug(), subscription)) {
			return false;
		}
		fanout.remove(subscription);
		subscription.cancel();
		documentCommands.close(connection, subscription.slug());
		return true;
	}

	private void leavePresence(Room room, Account account, String socketId) {
		if (presence.exit(room.slug(), account.username(), socketId)) {
			publishPresence(room.slug(), List.of(), List.of(account.username()));
			events.publishEvent(new MemberLeft(room.id(), room.slug(), account.id(), account.username()));
		}
	}

	private void publishPresence(String room, List<String> joins, List<String> leaves) {
		broker.publish(RoomEvent.toRoom(room, 0, codec.presence(room, joins, leaves)));
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		Connection connection = (Connection) session.getAttributes().get(CONNECTION);
		if (connection != null) {
			connection.send(codec.error(null, ErrorCode.BAD_REQUEST, "binary frames are not part of the protocol"));
			connection.close(CloseStatus.POLICY_VIOLATION.withReason("binary frame"));
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("transport error on socket {}: {}", session.getId(), exception.toString());
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		Connection connection = (Connection) session.getAttributes().get(CONNECTION);
		if (connection != null) {
			connection.heard();
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Connection connection = (Connection) session.getAttributes().get(CONNECTION);
		if (connection == null) {
			return;
		}
		connection.closedByPeer();
		release(connection);
	}

	/** A socket that stopped answering heartbeats: closed, and let go of at once. */
	private void timedOut(Connection connection) {
		log.info("dropping socket {} of {}: nothing heard for {}", connection.id(), connection.username(),
				properties.idleTimeout());
		connection.close(CloseStatus.GOING_AWAY.withReason("heartbeat timeout"));
		release(connection);
	}

	/**
	 * Lets go of a socket that is closed or being closed: its subscriptions at once, its
	 * room presence after the grace period ({@link PresenceGrace}), its user's online
	 * state. Runs once per socket.
	 */
	private void release(Connection connection) {
		if (!connection.release()) {
			return;
		}
		connections.remove(connection.id());
		users.remove(connection);
		for (RoomSubscription subscription : List.copyOf(connection.rooms().values())) {
			if (stopReceiving(connection, subscription)) {
				// a client that reconnects within the grace period never left
				Room room = subscription.room();
				Account account = connection.account();
				String socketId = connection.id();
				grace.later(() -> leavePresence(room, account, socketId));
			}
		}
		onlineUsers.closed(connection);
	}

	/**
	 * A member removed from a private room stops receiving it at once on every socket, on
	 * every node: the removal travels on the user's topic, and each node ends the user's
	 * subscriptions to the room before the sockets get {@code left} with
	 * {@code "reason":"removed"}.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberRemoved removed) {
		// this node's sockets at once; the other nodes' when the event reaches them
		for (Connection connection : users.sockets(removed.userId())) {
			revoked(connection, removed.room());
		}
		users.publish(removed.userId(), codec.removed(removed.room()), removed.room());
	}

	private void revoked(Connection connection, String room) {
		RoomSubscription subscription = connection.rooms().get(room);
		if (subscription != null) {
			unsubscribe(connection, subscription);
		}
	}

	/**
	 * The user's topic was interrupted: a removal may have been lost, so the user's
	 * subscriptions to rooms that are not public are checked again.
	 */
	private void recheckAccess(long userId) {
		for (Connection connection : users.sockets(userId)) {
			for (RoomSubscription subscription : List.copyOf(connection.rooms().values())) {
				Room room = subscription.room();
				try {
					if (room.kind() != RoomKind.PUBLIC && !rooms.canAccess(room, connection.account())) {
						unsubscribe(connection, subscription);
						connection.send(codec.removed(room.slug()));
					}
				}
				catch (RuntimeException ex) {
					log.warn("checking {}'s access to {} failed: {}", connection.username(), room.slug(),
							ex.toString());
				}
			}
		}
	}

	/**
	 * Users who vanished from a room without leaving it (their node died): the others are
	 * told, as when a user's last socket leaves.
	 */
	@EventListener
	void on(RoomPresenceChanged changed) {
		publishPresence(changed.room(), changed.joins(), changed.leaves());
	}

	/**
	 * @return the number of open sockets on this node
	 */
	int openConnections() {
		return connections.size();
	}

	private static ChatSpaceException unwrap(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		if (cause instanceof ChatSpaceException ex) {
			return ex;
		}
		log.error("send failed", cause);
		return new ChatSpaceException(ErrorCode.INTERNAL, "internal error");
	}

	@Override
	public void start() {
		heartbeats.start();
		running = true;
	}

	/**
	 * Closes every socket with 1001 (going away) after the frames already queued for it;
	 * clients reconnect to another node. Waits up to 5 s for those frames to be written.
	 */
	@Override
	public void stop() {
		running = false;
		heartbeats.stop();
		for (Connection connection : connections.values()) {
			connection.close(CloseStatus.GOING_AWAY);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline && connections.values().stream().anyMatch(c -> c.bufferedBytes() > 0)) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		// the node goes away: its closed sockets leave their rooms now
		grace.stop();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
