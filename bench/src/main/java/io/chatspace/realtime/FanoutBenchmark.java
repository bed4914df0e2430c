package io.chatspace.realtime;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.chatspace.accounts.Account;
import io.chatspace.messaging.Message;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import org.apache.tomcat.util.buf.Utf8Encoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Fan-out of one encoded {@code message} event to N local sockets through the real
 * {@link RoomFanout}, {@link RoomSubscription} and {@link Connection} (queue, byte
 * accounting, drain), with stub sessions and the drain run inline instead of on a virtual
 * thread. Time per event (all N sockets) in microseconds. {@code session=noop} stops at
 * {@code sendMessage}; {@code session=utf8} also does what Tomcat's
 * {@code sendText(String)} does first for every socket: re-encode the payload string to
 * UTF-8 with Tomcat's own {@link Utf8Encoder} over a {@link CharBuffer} of the string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanoutBenchmark {

	@Param({ "10", "100", "1000" })
	public int sockets;

	@Param({ "noop", "utf8" })
	public String session;

	/** The gateway's default settings, as Spring Boot binds them with nothing configured. */
	private static final RealtimeProperties DEFAULTS = org.springframework.boot.context.properties.bind.Binder
		.get(new org.springframework.core.env.StandardEnvironment())
		.bindOrCreate("chatspace.realtime", RealtimeProperties.class);

	private final StubBroker broker = new StubBroker();

	private final FrameCodec codec = new FrameCodec();

	private final Room room = new Room(1, "bench-room", "bench room", RoomKind.PUBLIC, 1L);

	private final List<StubSession> sessions = new ArrayList<>();

	private long nextId = 1;

	/** Joins N connections to the room and lets each go live. */
	@Setup(Level.Trial)
	public void setUp(Blackhole blackhole) {
		// no store: the stub broker is never interrupted and announces nothing
		RoomFanout fanout = new RoomFanout(broker, null, codec, DEFAULTS, java.time.Clock.systemUTC());
		Account account = new Account(1, "alice");
		for (int i = 0; i < sockets; i++) {
			StubSession s = new StubSession(Integer.toString(i), "utf8".equals(session), blackhole);
			sessions.add(s);
			Connection connection = new Connection(s, account, 1 << 20, Runnable::run);
			RoomSubscription subscription = new RoomSubscription(connection, room);
			connection.rooms().put(room.slug(), subscription);
			fanout.add(subscription);
			subscription.goLive(HandOver.NOTHING, codec.pong(null));
		}
	}

	/** Publishes one event: encoded once, queued and written to every socket. */
	@Benchmark
	public void fanoutOneMessage() {
		long id = nextId++;
		Message message = new Message(id, room.slug(), "alice", "p1.0." + id + ".123456789 hello everyone",
				Instant.EPOCH);
		broker.publish(RoomEvent.toRoom(room.slug(), id, codec.message(message)));
	}

	/** The in-process broker's essentials: one listener per room, called synchronously. */
	static final class StubBroker implements Broker {

		private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

		@Override
		public void publish(RoomEvent event) {
			Listener listener = listeners.get(event.room());
			if (listener != null) {
				listener.event(event);
			}
		}

		@Override
		public Subscription subscribe(String room, Listener listener) {
			listeners.put(room, listener);
			return () -> listeners.remove(room);
		}

	}

	/** A session that consumes what it is sent. */
	static final class StubSession implements WebSocketSession {

		private final String id;

		private final boolean encode;

		private final Blackhole blackhole;

		private final Map<String, Object> attributes = new ConcurrentHashMap<>();

		StubSession(String id, boolean encode, Blackhole blackhole) {
			this.id = id;
			this.encode = encode;
			this.blackhole = blackhole;
		}

		// as Tomcat's WsRemoteEndpointImplBase: one encoder and one 8 KB buffer per session
		private final Utf8Encoder encoder = new Utf8Encoder();

		private final ByteBuffer encoded = ByteBuffer.allocate(8192);

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
			if (encode && message instanceof TextMessage text) {
				// what sendText(String) does before it writes: Tomcat's own UTF-8 encoder over the string
				encoder.reset();
				encoded.clear();
				encoder.encode(CharBuffer.wrap(text.getPayload()), encoded, true);
				blackhole.consume(encoded.position());
			}
			else {
				blackhole.consume(message);
			}
		}

		@Override
		public String getId() {
			return id;
		}

		@Override
		public URI getUri() {
			return null;
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return attributes;
		}

		@Override
		public Principal getPrincipal() {
			return null;
		}

		@Override
		public InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public String getAcceptedProtocol() {
			return null;
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return 0;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return 0;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

		@Override
		public void close(CloseStatus status) {
		}

	}

}
