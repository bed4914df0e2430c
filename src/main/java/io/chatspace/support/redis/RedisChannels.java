package io.chatspace.support.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Redis pub/sub for the nodes of a deployment: one subscriber connection and one
 * publisher connection per node, channels named in the deployment's namespace
 * ({@link RedisSettings#prefix()}).
 * <p>
 * Redis pub/sub is at most once: whatever is published while a subscriber's connection is
 * down is lost for it. So listeners are told: {@link Listener#interrupted()} when the
 * subscriber connection drops (events may be missed from now on) and
 * {@link Listener#resumed()} once Lettuce has reconnected and every channel is subscribed
 * again (catch up from the database now). A publish that fails (Redis unreachable) is
 * remembered, and the channel's subscribers are sent a gap notice as soon as Redis
 * answers again, before anything newer on that channel; they treat it as an interruption
 * followed by a resume.
 * <p>
 * {@link #subscribe} returns once Redis has confirmed the subscription, so a caller that
 * reads the database afterwards cannot miss an event published in between. This node's
 * own listeners get what it publishes at once, on the publishing thread (not through
 * Redis: local fan-out costs no round trip and goes on while Redis is unreachable); other
 * nodes' messages are handed to listeners on Lettuce's I/O thread, in the order Redis
 * delivers them (per publisher, the order of publication). Listeners must not block.
 */
@Component
@Profile("redis")
public class RedisChannels implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);

	private static final byte DATA = 0;

	private static final byte GAP = 1;

	// a type byte and the publishing instance's id
	private static final int HEADER = 9;

	private final RedisSettings settings;

	private final Duration timeout;

	private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private final Publisher publisher;

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	// resumed() runs here, one virtual thread per call: listeners read the database
	private final ExecutorService callbacks = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("redis-resume-", 0).factory());

	private volatile boolean connected;

	// this instance's id in the messages it publishes: it skips them when Redis hands
	// them back (its own subscribers got them at once)
	private final long source = new java.security.SecureRandom().nextLong();

	/**
	 * Receives the messages of one channel.
	 */
	public interface Listener {

		/**
		 * A message, on Lettuce's I/O thread; must not block.
		 * @param payload the bytes published (a read-only view)
		 */
		void message(ByteBuffer payload);

		/**
		 * Messages may be lost from now on, until {@link #resumed()}. Called on the
		 * thread that noticed (may be Lettuce's I/O thread); must not block.
		 */
		default void interrupted() {
		}

		/**
		 * The channel is subscribed again; messages published since
		 * {@link #interrupted()} may have been lost. Called on a thread of its own, may
		 * block briefly (e.g. to read the database).
		 */
		default void resumed() {
		}

	}

	/** A listener's registration. */
	public interface Subscription extends AutoCloseable {

		/** Stops delivery to the listener; idempotent. */
		@Override
		void close();

	}

	RedisChannels(RedisClient client, RedisSettings settings) {
		this.settings = settings;
		this.timeout = settings.subscribeTimeout();
		this.subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
		this.publisher = new Publisher(client.connect(ByteArrayCodec.INSTANCE), settings.lostPublishRetry(),
				() -> message(GAP, new byte[0]));
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] channel, byte[] message) {
				dispatch(channel, message);
			}
		});
		this.subscriber.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
				resubscribe();
			}

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				interrupt();
			}
		});
		this.connected = subscriber.isOpen();
	}

	/**
	 * Subscribes to a channel; returns once Redis confirmed the subscription (or could
	 * not be reached: then the listener is {@linkplain Listener#interrupted()
	 * interrupted} at once and {@linkplain Listener#resumed() resumed} after the
	 * reconnect).
	 * @param name the channel's name (without the namespace prefix)
	 * @param listener receives its messages
	 * @return the registration
	 */
	public Subscription subscribe(String name, Listener listener) {
		String key = settings.key(name);
		Channel channel = channels.compute(key, (k, existing) -> {
			Channel c = existing != null ? existing : new Channel(k);
			if (existing == null) {
				c.ready = command(() -> subscriber.async().subscribe(c.bytes));
			}
			c.listeners.add(listener);
			return c;
		});
		boolean ready;
		try {
			channel.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			ready = connected;
		}
		catch (Exception ex) {
			log.warn("could not subscribe to {}: {}", key, ex.toString());
			ready = false;
		}
		if (!ready) {
			listener.interrupted();
		}
		AtomicBoolean closed = new AtomicBoolean();
		return () -> {
			if (closed.compareAndSet(false, true)) {
				channels.computeIfPresent(key, (k, c) -> {
					c.listeners.remove(listener);
					if (c.listeners.isEmpty()) {
						command(() -> subscriber.async().unsubscribe(c.bytes));
						return null;
					}
					return c;
				});
			}
		};
	}

	/**
	 * Publishes a message without waiting; messages published by one thread reach each
	 * subscriber in that order. If Redis cannot take it, the channel's subscribers get a
	 * gap notice later.
	 * @param name the channel's name (without the namespace prefix)
	 * @param payload the bytes
	 */
	public void publish(String name, byte[] payload) {
		String key = settings.key(name);
		byte[] message = message(DATA, payload);
		Channel local = channels.get(key);
		if (local != null) {
			deliver(local, message);
		}
		publisher.send(key, message);
	}

	/**
	 * Publishes messages on several channels (this node's listeners get them at once) and
	 * waits until Redis has taken every one of them, or the timeout passed, or it failed
	 * (then the channels' subscribers get a gap notice later).
	 * @param payloads the bytes per channel name (without the namespace prefix)
	 * @param timeout the longest wait
	 */
	public void publishAndWait(Map<String, byte[]> payloads, Duration timeout) {
		List<CompletableFuture<?>> sent = new java.util.ArrayList<>();
		payloads.forEach((name, payload) -> {
			String key = settings.key(name);
			byte[] message = message(DATA, payload);
			Channel local = channels.get(key);
			if (local != null) {
				deliver(local, message);
			}
			sent.add(publisher.send(key, message));
		});
		try {
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			// failures are remembered by send(); a slow Redis only delays the caller
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private byte[] message(byte type, byte[] payload) {
		// the type, this instance's id, the payload
		return ByteBuffer.allocate(HEADER + payload.length).put(type).putLong(source).put(payload).array();
	}

	/**
	 * @return whether the subscriber connection is up (nothing is being missed)
	 */
	public boolean isConnected() {
		return connected;
	}

	private void dispatch(byte[] name, byte[] message) {
		Channel channel = channels.get(new String(name, StandardCharsets.UTF_8));
		if (channel == null || message.length < HEADER || ByteBuffer.wrap(message, 1, 8).getLong() == source) {
			return; // not ours, or published by this instance (delivered here already)
		}
		if (message[0] == GAP) {
			log.info("a publisher lost messages on {}: catching up", channel.key);
			for (Listener listener : channel.listeners) {
				listener.interrupted();
			}
			each(channel.listeners, listener -> resume(channel, listener));
			return;
		}
		deliver(channel, message);
	}

	private static void deliver(Channel channel, byte[] message) {
		for (Listener listener : channel.listeners) {
			try {
				listener.message(ByteBuffer.wrap(message, HEADER, message.length - HEADER).slice().asReadOnlyBuffer());
			}
			catch (RuntimeException ex) {
				log.error("a listener of {} failed", channel.key, ex);
			}
		}
	}

	private void interrupt() {
		if (!connected) {
			return;
		}
		connected = false;
		log.warn("the Redis subscriber connection dropped; reconnecting");
		for (Channel channel : channels.values()) {
			for (Listener listener : channel.listeners) {
				listener.interrupted();
			}
		}
	}

	private void resubscribe() {
		List<Channel> all = List.copyOf(channels.values());
		if (all.isEmpty()) {
			connected = true;
			return;
		}
		byte[][] names = all.stream().map(c -> c.bytes).toArray(byte[][]::new);
		command(() -> subscriber.async().subscribe(names)).whenComplete((ok, ex) -> {
			if (ex != null) {
				log.warn("resubscribing failed: {}", ex.toString());
				return;
			}
			boolean wasConnected = connected;
			connected = true;
			if (!wasConnected) {
				log.info("Redis subscriptions restored ({} channels)", all.size());
			}
			for (Channel channel : channels.values()) {
				each(channel.listeners, listener -> resume(channel, listener));
			}
		});
	}

	private void resume(Channel channel, Listener listener) {
		callbacks.execute(() -> {
			try {
				listener.resumed();
			}
			catch (RuntimeException ex) {
				log.error("a listener of {} failed to resume", channel.key, ex);
			}
		});
	}

	private static void each(List<Listener> listeners, Consumer<Listener> action) {
		for (Listener listener : listeners) {
			try {
				action.accept(listener);
			}
			catch (RuntimeException ex) {
				log.error("a Redis channel listener failed", ex);
			}
		}
	}

	private static CompletableFuture<Void> command(Supplier<io.lettuce.core.RedisFuture<Void>> command) {
		try {
			return command.get().toCompletableFuture();
		}
		catch (RuntimeException ex) {
			// rejected at once: not connected
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void destroy() {
		callbacks.shutdownNow();
		subscriber.close();
		publisher.close();
	}

	private static final class Channel {

		final String key;

		final byte[] bytes;

		final List<Listener> listeners = new CopyOnWriteArrayList<>();

		volatile CompletableFuture<Void> ready;

		Channel(String key) {
			this.key = key;
			this.bytes = key.getBytes(StandardCharsets.UTF_8);
		}

	}

}
