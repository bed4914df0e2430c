package io.chatspace.realtime;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.chatspace.accounts.Account;
import io.chatspace.messaging.Message;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
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

/**
 * Fan-out of one encoded {@code message} event to N local sockets through the real
 * {@link RoomFanout}, {@link RoomSubscription} and {@link Connection} (byte accounting,
 * hand-over to the transport), with stub transports that take the shared bytes and
 * report them written at once: everything the server does per socket before the
 * container's frame flusher. Time per event (all N sockets) in microseconds.
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

	/** The gateway's default settings, as Spring Boot binds them with nothing configured. */
	private static final RealtimeProperties DEFAULTS = org.springframework.boot.context.properties.bind.Binder
		.get(new org.springframework.core.env.StandardEnvironment())
		.bindOrCreate("chatspace.realtime", RealtimeProperties.class);

	private final StubBroker broker = new StubBroker();

	private final FrameCodec codec = new FrameCodec();

	private final Room room = new Room(1, "bench-room", "bench room", RoomKind.PUBLIC, 1L);

	private long nextId = 1;

	/** Joins N connections to the room and lets each go live. */
	@Setup(Level.Trial)
	public void setUp(Blackhole blackhole) {
		// no store: the stub broker is never interrupted and announces nothing
		RoomFanout fanout = new RoomFanout(broker, null, codec, DEFAULTS, java.time.Clock.systemUTC(),
				new FanoutLanes(0, 0));
		Account account = new Account(1, "alice");
		for (int i = 0; i < sockets; i++) {
			Connection connection = new Connection(Integer.toString(i), new StubTransport(blackhole), account,
					1 << 20);
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

	/**
	 * A transport that consumes what it is sent and reports it written at once, as a
	 * socket with room in its kernel buffer would.
	 */
	static final class StubTransport implements Transport {

		private final Blackhole blackhole;

		StubTransport(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Override
		public void sendText(byte[] utf8, boolean batch, Written written) {
			blackhole.consume(utf8);
			written.done(utf8.length, null);
		}

		@Override
		public void flush() {
		}

		@Override
		public void sendPing(Written written) {
			written.done(0, null);
		}

		@Override
		public void close(int code, String reason) {
		}

		@Override
		public void abort() {
		}

	}

}
