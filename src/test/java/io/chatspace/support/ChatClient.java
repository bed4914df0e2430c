package io.chatspace.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (the JDK's {@link WebSocket}) that records every frame the
 * server sends, parsed as JSON, in arrival order, and lets a test wait for a frame.
 */
public final class ChatClient implements AutoCloseable {

	/** How long a test waits for an expected frame. */
	public static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final AtomicInteger REFS = new AtomicInteger();

	private final List<JsonNode> frames = new ArrayList<>();

	private final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile WebSocket socket;

	/**
	 * How the server closed the socket: the close frame's code and reason (1006 when none
	 * came).
	 */
	public record Close(int code, String reason) {
	}

	private ChatClient() {
	}

	/**
	 * Opens a socket and waits for the handshake.
	 * @param uri the {@code ws://} address
	 * @param headers extra handshake headers (e.g. {@code Authorization})
	 * @return the open client
	 * @throws java.util.concurrent.CompletionException with a
	 * {@link java.net.http.WebSocketHandshakeException} when the server refuses the
	 * handshake
	 */
	public static ChatClient connect(URI uri, Map<String, String> headers) {
		ChatClient client = new ChatClient();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		headers.forEach(builder::header);
		client.socket = builder.buildAsync(uri, client.new Listener()).join();
		return client;
	}

	/**
	 * @return a fresh {@code ref} for a client frame
	 */
	public static String ref() {
		return "r" + REFS.incrementAndGet();
	}

	// sending

	/** Sends a frame (encoded as JSON) and waits until it is handed to the network. */
	public void send(Map<String, ?> frame) {
		sendText(Api.JSON.writeValueAsString(frame));
	}

	/** Sends any text frame as is. */
	public synchronized void sendText(String text) {
		socket.sendText(text, true).join();
	}

	/** Sends a binary frame. */
	public synchronized void sendBinary(byte[] data) {
		socket.sendBinary(ByteBuffer.wrap(data), true).join();
	}

	/**
	 * Sends a frame with a fresh {@code ref} and waits for the server's reply carrying
	 * that ref.
	 * @return the reply (any type, {@code error} included)
	 */
	public JsonNode request(Map<String, ?> frame) {
		String ref = ref();
		Map<String, Object> withRef = new java.util.LinkedHashMap<>(frame);
		withRef.put("ref", ref);
		send(withRef);
		return await(f -> ref.equals(f.path("ref").asString(null)));
	}

	/** Joins a room and waits for {@code joined}; fails on any other reply. */
	public JsonNode join(String room) {
		JsonNode reply = request(Map.of("type", "join", "room", room));
		if (!"joined".equals(reply.path("type").asString())) {
			throw new AssertionError("join " + room + " was answered with " + reply);
		}
		return reply;
	}

	/** Joins a room resuming after a message id and waits for {@code joined}. */
	public JsonNode joinAfter(String room, String after) {
		JsonNode reply = request(Map.of("type", "join", "room", room, "after", after));
		if (!"joined".equals(reply.path("type").asString())) {
			throw new AssertionError("join " + room + " was answered with " + reply);
		}
		return reply;
	}

	/**
	 * Sends a message and waits for its {@code ack}; fails on any other reply. @return
	 * the id
	 */
	public String post(String room, String body) {
		JsonNode reply = request(Map.of("type", "send", "room", room, "body", body));
		if (!"ack".equals(reply.path("type").asString())) {
			throw new AssertionError("send to " + room + " was answered with " + reply);
		}
		return reply.path("id").asString();
	}

	// receiving

	/**
	 * @return a snapshot of every frame received so far, in order
	 */
	public List<JsonNode> frames() {
		synchronized (frames) {
			return List.copyOf(frames);
		}
	}

	/**
	 * @return the frames of one type received so far, in order
	 */
	public List<JsonNode> frames(String type) {
		return frames().stream().filter(f -> type.equals(f.path("type").asString(null))).toList();
	}

	/**
	 * @return the {@code message} objects of live {@code message} events of a room, in
	 * order
	 */
	public List<JsonNode> messages(String room) {
		return frames("message").stream()
			.filter(f -> room.equals(f.path("room").asString(null)))
			.map(f -> f.path("message"))
			.toList();
	}

	/**
	 * Waits for a frame of the type that matches the predicate. @return the first such
	 * frame
	 */
	public JsonNode await(String type, Predicate<JsonNode> predicate) {
		return await(f -> type.equals(f.path("type").asString(null)) && predicate.test(f));
	}

	/** Waits for the first frame matching the predicate. */
	public JsonNode await(Predicate<JsonNode> predicate) {
		JsonNode[] found = new JsonNode[1];
		waiting().alias("a frame on " + this).until(() -> {
			for (JsonNode frame : frames()) {
				if (predicate.test(frame)) {
					found[0] = frame;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	/** Waits until the server closed the socket. @return its close code and reason */
	public Close awaitClose() {
		try {
			return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError(
					"the server did not close the socket within " + TIMEOUT + "; frames: " + lastFrames());
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return whether the server has closed the socket (or the connection broke)
	 */
	public boolean isClosed() {
		return closed.isDone();
	}

	/** Aborts the connection at once, as a client whose network dropped. */
	public void abort() {
		socket.abort();
	}

	/** Closes the socket normally (1000) and waits briefly for the server's close. */
	@Override
	public void close() {
		if (closed.isDone()) {
			return;
		}
		try {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
			closed.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			socket.abort();
		}
	}

	/** Awaitility with a short poll interval and {@link #TIMEOUT}. */
	public static ConditionFactory waiting() {
		return Awaitility.await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
	}

	private String lastFrames() {
		List<JsonNode> all = frames();
		return all.subList(Math.max(0, all.size() - 5), all.size()).toString();
	}

	@Override
	public String toString() {
		return "ChatClient" + frames().size() + " frames, last " + lastFrames();
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				String text = partial.toString();
				partial.setLength(0);
				JsonNode frame;
				try {
					frame = Api.JSON.readTree(text);
				}
				catch (RuntimeException ex) {
					frame = Api.JSON.createObjectNode().put("type", "<not json>").put("text", text);
				}
				synchronized (frames) {
					frames.add(frame);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			synchronized (frames) {
				frames.add(Api.JSON.createObjectNode().put("type", "<binary>"));
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(new Close(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(new Close(1006, String.valueOf(error)));
		}

	}

}
