package io.chatspace.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives a server that speaks {@code docs/protocol.md} (ChatSpace, or the bare-Netty
 * {@link BaselineServer} with the same frames) over many WebSockets from one process.
 * <p>
 * Sockets are spread over rooms; the first P sockets of each room publish. Every message
 * body is {@code p<phase>.<publisher>.<seq>.<nanoTime at send>}, so each receiving socket
 * knows which message it got (losses and duplicates are counted per socket and message)
 * and the end-to-end latency (receive {@code nanoTime} minus send {@code nanoTime}, same
 * process, recorded in microseconds in an HdrHistogram). Closed loop: each publisher keeps
 * at most {@code window} messages in flight, a message being in flight from its {@code send}
 * until every socket of the room has received it (so the window bounds the fan-out queues,
 * for a server that acknowledges before it fans out as well as for one that acknowledges
 * after a commit). Open loop: sends leave at
 * fixed intended times, and latency is measured from the intended time (no coordinated
 * omission).
 * <p>
 * Client sockets bind to several source addresses 127.0.0.2… so that tens of thousands of
 * connections to one server port do not exhaust the ephemeral ports of one address.
 */
final class LoadGenerator implements AutoCloseable {

	/** Which kind of server is driven; the baseline needs no account, token or room. */
	enum Target {

		CHATSPACE, BASELINE;

		String label() {
			return this == CHATSPACE ? "ChatSpace" : "baseline";
		}

	}

	static final String PASSWORD = "bench-password";

	private static final long MAX_LATENCY_MICROS = 600_000_000L;

	private final Target target;

	private final String host;

	private final int port;

	private final EventLoopGroup group;

	private final Class<? extends SocketChannel> channelType;

	private final String run = Long.toString(System.currentTimeMillis(), 36);

	private final int sourceAddresses;

	private final Semaphore connecting;

	private final List<String> tokens = new ArrayList<>();

	private final List<String> slugs = new ArrayList<>();

	final List<Sock> sockets = new ArrayList<>();

	final List<Pub> publishers = new ArrayList<>();

	/** Error frames, failed handshakes, unexpected closes, {@code "more": true} on resume. */
	final LongAdder errors = new LongAdder();

	private final Queue<String> errorSamples = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sampled = new AtomicInteger();

	private volatile Phase phase;

	private volatile CountDownLatch joins = new CountDownLatch(0);

	private int phases;

	private int socketsPerRoom;

	private int publishersPerRoom;

	/**
	 * @param target the kind of server
	 * @param host its address (127.0.0.1)
	 * @param port its port
	 * @param threads client event-loop threads
	 * @param maxConnecting most handshakes under way at once
	 */
	LoadGenerator(Target target, String host, int port, int threads, int maxConnecting) {
		this.target = target;
		this.host = host;
		this.port = port;
		IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		this.channelType = Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
		this.group = new MultiThreadIoEventLoopGroup(threads, io);
		this.sourceAddresses = 50;
		this.connecting = new Semaphore(maxConnecting);
	}

	Target target() {
		return target;
	}

	List<String> errorSamples() {
		return List.copyOf(errorSamples);
	}

	// ---------------------------------------------------------------- setup over HTTP

	/**
	 * Registers {@code users} accounts, gets a token for each and creates {@code rooms} rooms
	 * (ChatSpace); the baseline only gets room names.
	 */
	void setup(int rooms, int users) throws Exception {
		if (target == Target.BASELINE) {
			for (int r = 0; r < rooms; r++) {
				slugs.add("bench-" + run + "-" + r);
			}
			return;
		}
		String base = "http://" + host + ":" + port;
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
			for (int u = 0; u < users; u++) {
				String credentials = "{\"username\":\"b" + run + "u" + u + "\",\"password\":\"" + PASSWORD + "\"}";
				post(http, base + "/api/accounts", null, credentials, 201);
				tokens.add(field(post(http, base + "/api/auth/token", null, credentials, 200), "token"));
			}
			for (int r = 0; r < rooms; r++) {
				String body = "{\"name\":\"bench " + run + " " + r + "\"}";
				slugs.add(field(post(http, base + "/api/rooms", tokens.get(r % users), body, 201), "slug"));
			}
		}
	}

	private static String post(HttpClient http, String url, String token, String json, int expected)
			throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException(name + " missing in " + json);
		}
		return m.group(1);
	}

	// ---------------------------------------------------------------- sockets

	/**
	 * Opens {@code socketsPerRoom} sockets into each room (round robin over the users) and
	 * joins them; the first {@code publishersPerRoom} of each room publish.
	 * @return the seconds it took until every socket had its {@code joined}
	 */
	double connect(int socketsPerRoom, int publishersPerRoom, Duration timeout) throws InterruptedException {
		this.socketsPerRoom = socketsPerRoom;
		this.publishersPerRoom = publishersPerRoom;
		int total = slugs.size() * socketsPerRoom;
		joins = new CountDownLatch(total);
		long start = System.nanoTime();
		for (int r = 0; r < slugs.size(); r++) {
			for (int s = 0; s < socketsPerRoom; s++) {
				int index = sockets.size();
				String token = tokens.isEmpty() ? null : tokens.get(index % tokens.size());
				Sock sock = new Sock(index, r, slugs.get(r), token);
				if (s < publishersPerRoom) {
					Pub pub = new Pub(sock, s, publishers.size());
					sock.pub = pub;
					publishers.add(pub);
				}
				sockets.add(sock);
				open(sock, 0);
			}
		}
		awaitJoins(timeout, total);
		return (System.nanoTime() - start) / 1e9;
	}

	private void awaitJoins(Duration timeout, int total) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long left = joins.getCount();
		long lastProgress = System.nanoTime();
		// give up at the time-out, or after 60 s without one more socket joining
		while (!joins.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline
				&& System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(60)) {
			if (joins.getCount() != left) {
				left = joins.getCount();
				lastProgress = System.nanoTime();
			}
		}
		if (joins.getCount() > 0) {
			throw new IllegalStateException(
					"only " + (total - joins.getCount()) + " of " + total + " sockets joined in " + timeout
							+ "; errors: " + errorSamples);
		}
	}

	private void open(Sock sock, long after) {
		connecting.acquireUninterruptibly();
		var headers = new DefaultHttpHeaders();
		if (sock.token != null) {
			headers.add(HttpHeaderNames.AUTHORIZATION, "Bearer " + sock.token);
		}
		var config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(URI.create("ws://" + host + ":" + port + "/ws"))
			.customHeaders(headers)
			.maxFramePayloadLength(16 << 20)
			.handshakeTimeoutMillis(60_000)
			.dropPongFrames(true)
			// the generator reads only the ASCII parts it sent and the protocol fixes
			// (FrameScan); checking every byte of every frame for valid UTF-8 was a quarter
			// of its samples in a recorded reconnect storm (its CPU during a storm fell by
			// 5-10% without it), on the cores it shares with the server
			.withUTF8Validator(false)
			// closing a socket drops the TCP connection without a close frame, as a lost network does
			.sendCloseFrame(null)
			.build();
		ClientHandler handler = new ClientHandler(sock, after);
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channel(channelType)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
								new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(16 << 20),
								handler);
				}
			});
		var local = new InetSocketAddress("127.0.0." + (2 + sock.index % sourceAddresses), 0);
		ChannelFuture future = bootstrap.connect(new InetSocketAddress(host, port), local);
		sock.channel = future.channel();
		future.addListener(f -> {
			if (!f.isSuccess()) {
				error("connect failed: " + f.cause());
				handler.releasePermit();
			}
		});
	}

	private void error(String what) {
		errors.increment();
		if (sampled.getAndIncrement() < 10) {
			errorSamples.add(what);
		}
	}

	/** Closes every socket and the event loops. */
	@Override
	public void close() {
		for (Sock sock : sockets) {
			sock.dropping = true;
			Channel ch = sock.channel;
			if (ch != null) {
				ch.close();
			}
		}
		group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
	}

	// ---------------------------------------------------------------- phases

	private Phase newPhase(String mode, int messagesPerPublisher, int window) {
		if (publishers.isEmpty()) {
			throw new IllegalStateException("no publishers");
		}
		Phase ph = new Phase(++phases, mode, publishersPerRoom, messagesPerPublisher, window, sockets.size(),
				publishers.size());
		phase = ph;
		return ph;
	}

	/**
	 * Closed loop: every publisher sends {@code messages}, at most {@code window} of them in
	 * flight (sent, and not yet received by every socket of the room).
	 */
	Result closedLoop(String label, int messages, int window, Duration timeout, long serverPid)
			throws InterruptedException {
		Measure m = new Measure(serverPid);
		Phase ph = newPhase("closed", messages, window);
		ph.start = System.nanoTime();
		for (Pub pub : publishers) {
			pub.sock.channel.eventLoop().execute(() -> pub.fill(ph));
		}
		boolean complete = awaitDeliveries(ph, timeout);
		return m.result(label, ph, complete, System.nanoTime());
	}

	/**
	 * Open loop: the publishers together send {@code rate} messages per second, each
	 * {@code messages} of them, at fixed intended times.
	 */
	Result openLoop(String label, double rate, int messages, Duration timeout, long serverPid)
			throws InterruptedException {
		Measure m = new Measure(serverPid);
		Phase ph = newPhase("open", messages, Integer.MAX_VALUE);
		Thread pacer = pace(ph, rate);
		boolean complete = awaitDeliveries(ph, timeout);
		pacer.interrupt();
		pacer.join();
		Result result = m.result(label, ph, complete, System.nanoTime());
		return result.withOfferedRate(rate);
	}

	private Thread pace(Phase ph, double rate) {
		ph.start = System.nanoTime();
		return Thread.ofPlatform().name("pacer").start(() -> {
			int n = publishers.size();
			double interval = 1e9 * n / rate;
			int[] sent = new int[n];
			int done = 0;
			long start = ph.start;
			while (done < n && !Thread.currentThread().isInterrupted()) {
				long now = System.nanoTime();
				for (int p = 0; p < n; p++) {
					Pub pub = publishers.get(p);
					while (sent[p] < ph.messagesPerPublisher) {
						long intended = start + (long) ((sent[p] + (double) p / n) * interval);
						if (intended > now) {
							break;
						}
						pub.send(ph, sent[p], intended);
						if (++sent[p] == ph.messagesPerPublisher) {
							done++;
						}
					}
				}
				LockSupport.parkNanos(200_000);
			}
		});
	}

	private boolean awaitDeliveries(Phase ph, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long lastProgress = System.nanoTime();
		long last = -1;
		while (System.nanoTime() < deadline) {
			long answered = ph.acked.sum() + ph.sendErrors.sum();
			long delivered = ph.delivered.sum();
			if (answered >= ph.messages && delivered >= (ph.messages - ph.sendErrors.sum()) * socketsPerRoom) {
				ph.end = System.nanoTime();
				return true;
			}
			if (delivered + answered != last) {
				last = delivered + answered;
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(15)) {
				break;
			}
			LockSupport.parkNanos(500_000);
		}
		ph.end = System.nanoTime();
		return false;
	}

	/**
	 * The reconnect storm: publishers send at {@code rate} messages per second in total; after
	 * {@code dropAfter} every socket that is not a publisher is closed at once and at once
	 * reconnected, resuming each room with {@code join} {@code after} its last message id.
	 */
	StormResult storm(double rate, int messages, Duration dropAfter, Duration timeout, long serverPid)
			throws InterruptedException {
		Measure m = new Measure(serverPid);
		Phase ph = newPhase("storm", messages, Integer.MAX_VALUE);
		Thread pacer = pace(ph, rate);
		Thread.sleep(dropAfter.toMillis());
		List<Sock> dropped = sockets.stream().filter(s -> s.pub == null).toList();
		long drop = System.nanoTime();
		List<ChannelFuture> closing = new ArrayList<>();
		for (Sock s : dropped) {
			s.dropping = true;
			closing.add(s.channel.close());
		}
		for (ChannelFuture f : closing) {
			f.syncUninterruptibly();
		}
		long closed = System.nanoTime();
		joins = new CountDownLatch(dropped.size());
		for (Sock s : dropped) {
			s.joinedAt = 0;
			// after the close completed no frame can still arrive: lastMessageId is final
			open(s, s.lastMessageId);
			// only now: the old channel may still report its close, and must not count as an error
			s.dropping = false;
		}
		awaitJoins(timeout, dropped.size());
		long allJoined = 0;
		Histogram resume = new Histogram(3);
		for (Sock s : dropped) {
			allJoined = Math.max(allJoined, s.joinedAt);
			resume.recordValue(Math.max(0, (s.joinedAt - drop) / 1000));
		}
		boolean complete = awaitDeliveries(ph, timeout);
		pacer.interrupt();
		pacer.join();
		Result result = m.result("storm", ph, complete, System.nanoTime());
		// caught up: holds every message acknowledged before the last socket resumed
		long caughtUp = 0;
		long missing = 0;
		for (Sock s : dropped) {
			long[] got = ph.received[s.index];
			for (int local = 0; local < ph.publishersPerRoom; local++) {
				long[] acks = ph.ackAt[s.room * ph.publishersPerRoom + local];
				for (int seq = 0; seq < ph.messagesPerPublisher; seq++) {
					if (acks[seq] != 0 && acks[seq] <= allJoined) {
						long at = got[local * ph.messagesPerPublisher + seq];
						if (at == 0) {
							missing++;
						}
						else {
							caughtUp = Math.max(caughtUp, at);
						}
					}
				}
			}
		}
		return new StormResult(result, dropped.size(), (closed - drop) / 1e9, (allJoined - drop) / 1e9,
				caughtUp == 0 ? Double.NaN : (Math.max(caughtUp, allJoined) - drop) / 1e9, missing,
				resume.getValueAtPercentile(50) / 1e6, resume.getValueAtPercentile(99) / 1e6);
	}

	// ---------------------------------------------------------------- state

	/** One client socket; a dropped and resumed socket keeps its identity (and counts). */
	final class Sock {

		final int index;

		final int room;

		final String slug;

		final String token;

		Pub pub;

		volatile Channel channel;

		/** The highest message id seen; written by the socket's event loop. */
		volatile long lastMessageId;

		volatile long joinedAt;

		volatile boolean dropping;

		final long[] parsed = new long[4];

		Sock(int index, int room, String slug, String token) {
			this.index = index;
			this.room = room;
			this.slug = slug;
			this.token = token;
		}

		void onText(ByteBuf buf, long now) {
			switch (FrameScan.typeInitial(buf)) {
				case 'm' -> onMessage(buf, now);
				case 'a' -> onAck(buf, now);
				case 'j' -> onJoined(buf, now);
				case 'e' -> onError(buf);
				default -> {
					// presence, typing, pong, left: not counted
				}
			}
		}

		private void onMessage(ByteBuf buf, long now) {
			int idAt = FrameScan.indexAfter(buf, FrameScan.MESSAGE_ID, buf.readerIndex());
			if (idAt < 0) {
				return;
			}
			noteId(FrameScan.parseLong(buf, idAt));
			int bodyAt = FrameScan.indexAfter(buf, FrameScan.BODY, idAt);
			if (FrameScan.parseBody(buf, bodyAt, parsed)) {
				received(now, true);
			}
		}

		private void onJoined(ByteBuf buf, long now) {
			if (FrameScan.indexAfter(buf, FrameScan.MORE_TRUE, buf.readerIndex()) >= 0) {
				error("joined with more=true on socket " + index + ": the resume did not fit one frame");
			}
			int at = buf.readerIndex();
			while ((at = FrameScan.indexAfter(buf, FrameScan.MESSAGE_ID, at)) >= 0) {
				noteId(FrameScan.parseLong(buf, at));
				int bodyAt = FrameScan.indexAfter(buf, FrameScan.BODY, at);
				if (FrameScan.parseBody(buf, bodyAt, parsed)) {
					received(now, false);
				}
			}
			joinedAt = now;
			joins.countDown();
		}

		private void noteId(long id) {
			if (id > lastMessageId) {
				lastMessageId = id;
			}
		}

		private void received(long now, boolean live) {
			Phase ph = phase;
			if (ph == null || parsed[0] != ph.id || ph.received == null) {
				if (ph != null) {
					ph.stray.increment();
				}
				return;
			}
			int local = (int) parsed[1];
			int seq = (int) parsed[2];
			if (local >= ph.publishersPerRoom || seq >= ph.messagesPerPublisher) {
				ph.stray.increment();
				return;
			}
			long[] got = ph.received[index];
			int k = local * ph.messagesPerPublisher + seq;
			if (got[k] != 0) {
				ph.duplicates.increment();
				return;
			}
			got[k] = now;
			ph.delivered.increment();
			if (ph.closed && ph.arrivals[room * ph.publishersPerRoom + local].incrementAndGet(seq) == socketsPerRoom) {
				// the last socket of the room got it: the message is no longer in flight
				Pub sender = publishers.get(room * ph.publishersPerRoom + local);
				var loop = sender.sock.channel.eventLoop();
				if (loop.inEventLoop()) {
					sender.onDelivered(ph);
				}
				else {
					loop.execute(() -> sender.onDelivered(ph));
				}
			}
			if (live) {
				ph.latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - parsed[3]) / 1000)));
			}
		}

		private void onAck(ByteBuf buf, long now) {
			int refAt = FrameScan.indexAfter(buf, FrameScan.REF, buf.readerIndex());
			Phase ph = phase;
			if (refAt < 0 || pub == null || ph == null || FrameScan.parseLong(buf, refAt) != ph.id) {
				return;
			}
			int seq = (int) FrameScan.parseLong(buf, FrameScan.skipDigits(buf, refAt) + 1);
			pub.onAck(ph, seq, now);
		}

		private void onError(ByteBuf buf) {
			String text = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
			error("socket " + index + ": " + text);
			int refAt = FrameScan.indexAfter(buf, FrameScan.REF, buf.readerIndex());
			Phase ph = phase;
			if (refAt >= 0 && pub != null && ph != null && FrameScan.parseLong(buf, refAt) == ph.id) {
				ph.sendErrors.increment();
				pub.inFlight--;
				pub.fill(ph);
			}
		}

		void sendJoin(Channel ch, long after) {
			String frame = after > 0
					? "{\"type\":\"join\",\"ref\":\"j\",\"room\":\"" + slug + "\",\"after\":\"" + after + "\"}"
					: "{\"type\":\"join\",\"ref\":\"j\",\"room\":\"" + slug + "\"}";
			ch.writeAndFlush(new TextWebSocketFrame(frame));
		}

	}

	/** A publishing socket's send state; touched only on its channel's event loop (closed loop). */
	final class Pub {

		final Sock sock;

		/** Index among the room's publishers. */
		final int local;

		final int global;

		private Phase current;

		int next;

		int inFlight;

		Pub(Sock sock, int local, int global) {
			this.sock = sock;
			this.local = local;
			this.global = global;
		}

		void fill(Phase ph) {
			if (current != ph) {
				current = ph;
				next = 0;
				inFlight = 0;
			}
			while (inFlight < ph.window && next < ph.messagesPerPublisher) {
				send(ph, next++, System.nanoTime());
				inFlight++;
			}
		}

		void onAck(Phase ph, int seq, long now) {
			if (seq < 0 || seq >= ph.messagesPerPublisher) {
				return;
			}
			ph.ackAt[global][seq] = now;
			ph.acked.increment();
			long sent = ph.sentAt[global][seq];
			if (sent != 0) {
				ph.ackLatency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - sent) / 1000)));
			}
		}

		/** A message of this publisher reached every socket of the room: one fewer in flight. */
		void onDelivered(Phase ph) {
			inFlight--;
			fill(ph);
		}

		void send(Phase ph, int seq, long sentNanos) {
			ph.sentAt[global][seq] = sentNanos;
			// a random nonce with every send, as the bundled web client does
			// (crypto.randomUUID()): the server de-duplicates retries by it
			ThreadLocalRandom random = ThreadLocalRandom.current();
			String nonce = new UUID(random.nextLong(), random.nextLong()).toString();
			String frame = "{\"type\":\"send\",\"ref\":\"" + ph.id + "." + seq + "\",\"room\":\"" + sock.slug
					+ "\",\"body\":\"p" + ph.id + "." + local + "." + seq + "." + sentNanos + "\",\"nonce\":\"" + nonce
					+ "\"}";
			sock.channel.writeAndFlush(new TextWebSocketFrame(frame));
		}

	}

	/** One measured run over all sockets. */
	static final class Phase {

		final int id;

		final String mode;

		final int publishersPerRoom;

		final int messagesPerPublisher;

		final int window;

		final long messages;

		final long[][] received;

		final long[][] ackAt;

		/** Send time ({@code nanoTime}, intended time in the open loop) per publisher and message. */
		final long[][] sentAt;

		/** Send to {@code ack}, microseconds: the server's accept-and-commit part of the latency. */
		final Histogram ackLatency = new ConcurrentHistogram(1, MAX_LATENCY_MICROS, 3);

		/** Closed loop: per publisher and message, the sockets that received it so far. */
		final java.util.concurrent.atomic.AtomicIntegerArray[] arrivals;

		final boolean closed;

		final LongAdder delivered = new LongAdder();

		final LongAdder duplicates = new LongAdder();

		final LongAdder stray = new LongAdder();

		final LongAdder acked = new LongAdder();

		final LongAdder sendErrors = new LongAdder();

		final Histogram latency = new ConcurrentHistogram(1, MAX_LATENCY_MICROS, 3);

		volatile long start;

		volatile long end;

		Phase(int id, String mode, int publishersPerRoom, int messagesPerPublisher, int window, int sockets,
				int publishers) {
			this.id = id;
			this.mode = mode;
			this.publishersPerRoom = publishersPerRoom;
			this.messagesPerPublisher = messagesPerPublisher;
			this.window = window;
			this.messages = (long) publishers * messagesPerPublisher;
			this.received = new long[sockets][publishersPerRoom * messagesPerPublisher];
			this.ackAt = new long[publishers][messagesPerPublisher];
			this.sentAt = new long[publishers][messagesPerPublisher];
			this.closed = "closed".equals(mode);
			this.arrivals = new java.util.concurrent.atomic.AtomicIntegerArray[closed ? publishers : 0];
			for (int p = 0; p < arrivals.length; p++) {
				arrivals[p] = new java.util.concurrent.atomic.AtomicIntegerArray(messagesPerPublisher);
			}
		}

	}

	/** CPU of the server and of this process from the start of a phase. */
	final class Measure {

		private final long serverPid;

		private final double serverCpu;

		private final double serverJit;

		private final double clientCpu;

		private final long serverWrites;

		private final long errorsBefore;

		private final long[] machine;

		Measure(long serverPid) {
			this.serverPid = serverPid;
			this.serverCpu = serverPid > 0 ? Proc.cpuSeconds(serverPid) : Double.NaN;
			this.serverJit = serverPid > 0 ? Proc.jitCpuSeconds(serverPid) : Double.NaN;
			this.clientCpu = Proc.cpuSeconds(ProcessHandle.current().pid());
			this.serverWrites = serverPid > 0 ? Proc.writeSyscalls(serverPid) : -1;
			this.errorsBefore = errors.sum();
			this.machine = Proc.machineTicks();
		}

		Result result(String label, Phase ph, boolean complete, long now) {
			double server = serverPid > 0 ? Proc.cpuSeconds(serverPid) - serverCpu : Double.NaN;
			double jit = serverPid > 0 ? Proc.jitCpuSeconds(serverPid) - serverJit : Double.NaN;
			double client = Proc.cpuSeconds(ProcessHandle.current().pid()) - clientCpu;
			long writesNow = serverPid > 0 ? Proc.writeSyscalls(serverPid) : -1;
			long[] machineNow = Proc.machineTicks();
			double busy = machine == null || machineNow == null || machineNow[1] == machine[1] ? Double.NaN
					: (double) (machineNow[0] - machine[0]) / (machineNow[1] - machine[1]);
			double seconds = (ph.end - ph.start) / 1e9;
			long delivered = ph.delivered.sum();
			long expected = (ph.messages - ph.sendErrors.sum()) * socketsPerRoom;
			Histogram h = ph.latency;
			return new Result(target.label(), label, ph.mode, sockets.size(), slugs.size(), publishers.size(),
					ph.messages, ph.window, complete, seconds, delivered, expected, Math.max(0, expected - delivered),
					ph.duplicates.sum(), errors.sum() - errorsBefore, delivered / seconds, ph.acked.sum() / seconds,
					Double.NaN, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0,
					ms(ph.ackLatency, 50), ms(ph.ackLatency, 99), server, jit,
					delivered == 0 ? Double.NaN : server / (delivered / 1e6), client,
					serverWrites < 0 || writesNow < 0 || delivered == 0 ? Double.NaN
							: (double) (writesNow - serverWrites) / delivered,
					busy);
		}

		private static double ms(Histogram h, double percentile) {
			return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	/** The Netty side of one socket: handshake, join, frames. */
	final class ClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

		private final Sock sock;

		private final long after;

		private boolean permit = true;

		private boolean joined;

		ClientHandler(Sock sock, long after) {
			this.sock = sock;
			this.after = after;
		}

		void releasePermit() {
			if (permit) {
				permit = false;
				connecting.release();
			}
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
			if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				sock.channel = ctx.channel();
				sock.sendJoin(ctx.channel(), after);
			}
			else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				error("handshake timeout on socket " + sock.index);
				releasePermit();
			}
			super.userEventTriggered(ctx, evt);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame) {
				sock.onText(frame.content(), System.nanoTime());
				if (!joined && sock.joinedAt != 0) {
					joined = true;
					releasePermit();
				}
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			error("socket " + sock.index + ": " + cause);
			releasePermit();
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			releasePermit();
			// a dropped socket's old channel may report its close after the socket reconnected
			if (!sock.dropping && sock.channel == ctx.channel()) {
				error("socket " + sock.index + " closed by the server");
			}
			super.channelInactive(ctx);
		}

	}

}
