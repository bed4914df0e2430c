package io.chatspace.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;
import io.chatspace.support.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: one writer thread takes every message waiting in a bounded queue (up to
 * {@code chatspace.messaging.max-batch}), assigns their ids in order, announces them
 * ({@link MessagesCommitting}), appends them to the {@link MessageStore} in one
 * transaction, and only then completes each sender's future and publishes
 * {@link MessagePosted} (synchronously, so in id order). Many concurrent senders thus
 * share one commit instead of each paying for their own.
 * <p>
 * A store without transactions across partitions (Cassandra) may keep part of a batch
 * that failed. When a sender retries such a message with its nonce, the store returns the
 * stored message as a duplicate; the writer remembers the ids of failed messages with a
 * nonce and announces such a message then, since nobody was told about it yet (it arrives
 * live with its original, older id).
 * <p>
 * On shutdown it stops taking new messages and commits every one already queued.
 */
@Component
class MessageWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	/** Stops after the gateway (which stops sockets first, at a higher phase). */
	static final int PHASE = Integer.MAX_VALUE - 2000;

	private final MessageStore store;

	private final MessageIds ids;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MessagingProperties properties;

	private final RecentMessages recent;

	private final BlockingQueue<Pending> queue;

	// author and nonce -> id of a message whose batch failed: a store without
	// transactions across partitions (Cassandra) may have stored it anyway, and a retry
	// with the nonce then finds it; it was never announced, so it is announced then
	private final Cache<String, Long> unannounced;

	private volatile boolean accepting;

	private volatile Thread thread;

	private volatile long lastNonceCleanup;

	MessageWriter(MessageStore store, MessageIds ids, ApplicationEventPublisher events, Clock clock,
			MessagingProperties properties, RecentMessages recent) {
		this.store = store;
		this.recent = recent;
		this.ids = ids;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.unannounced = Caffeine.newBuilder().expireAfterWrite(properties.nonceTtl()).maximumSize(100_000).build();
	}

	/**
	 * Queues a message for the next commit.
	 * @return completes with the stored message once durable, or exceptionally with a
	 * {@link ChatSpaceException} ({@code unavailable} when the store failed or the queue
	 * is full, {@code internal} otherwise)
	 */
	CompletableFuture<MessageStore.Appended> submit(Pending pending) {
		if (!accepting) {
			pending.result()
				.completeExceptionally(
						new ChatSpaceException(ErrorCode.UNAVAILABLE, "the server is shutting down; retry later"));
		}
		else if (!queue.offer(pending)) {
			pending.result()
				.completeExceptionally(
						new ChatSpaceException(ErrorCode.UNAVAILABLE, "the message log is overloaded; retry later"));
		}
		return pending.result();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(properties.maxBatch());
		while (accepting || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					cleanupNonces();
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, properties.maxBatch() - 1);
				commit(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				// commit() completes every future itself; this is a bug elsewhere
				log.error("message writer failed", ex);
			}
			finally {
				batch.clear();
			}
		}
	}

	private void commit(List<Pending> batch) {
		List<MessageStore.Draft> drafts = new ArrayList<>(batch.size());
		for (Pending p : batch) {
			long id = ids.next();
			Instant sentAt = MessageIds.timestampOf(id);
			drafts.add(new MessageStore.Draft(new Message(id, p.room(), p.author(), p.body(), sentAt), p.roomId(),
					p.authorId(), p.nonce()));
		}
		try {
			events.publishEvent(new MessagesCommitting(drafts.stream().map(MessageStore.Draft::message).toList()));
		}
		catch (RuntimeException ex) {
			log.error("a MessagesCommitting listener failed", ex);
		}
		List<MessageStore.Appended> results;
		try {
			results = store.appendAll(drafts, clock.instant().minus(properties.nonceTtl()));
		}
		catch (RuntimeException ex) {
			ChatSpaceException failure = failure(ex);
			log.warn("could not store {} message(s): {}", batch.size(), ex.toString());
			// a store without transactions across partitions may have kept part of it
			recent.forget(drafts.stream().map(MessageStore.Draft::roomId).distinct().toList());
			java.util.Set<String> nonces = new java.util.HashSet<>();
			for (int i = 0; i < batch.size(); i++) {
				Pending p = batch.get(i);
				if (p.nonce() != null && nonces.add(nonceKey(p))) {
					unannounced.put(nonceKey(p), drafts.get(i).message().id());
				}
				p.result().completeExceptionally(failure);
			}
			return;
		}
		// before anyone hears of them (an ack, an event): a read after either finds them
		List<RecentMessages.Stored> stored = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			if (!results.get(i).duplicate()) {
				stored.add(new RecentMessages.Stored(drafts.get(i).roomId(), results.get(i).message()));
			}
		}
		recent.appended(stored);
		for (int i = 0; i < batch.size(); i++) {
			MessageStore.Appended appended = results.get(i);
			Pending p = batch.get(i);
			p.result().complete(appended);
			boolean announce = !appended.duplicate();
			if (!announce && p.nonce() != null) {
				Long failed = unannounced.asMap().remove(nonceKey(p));
				announce = failed != null && failed == appended.message().id();
				if (announce) {
					// kept by an earlier failed batch: older than what the tail may hold
					recent.forget(List.of(drafts.get(i).roomId()));
				}
			}
			if (announce) {
				try {
					events.publishEvent(new MessagePosted(appended.message(), drafts.get(i).roomId()));
				}
				catch (RuntimeException ex) {
					log.error("a MessagePosted listener failed", ex);
				}
			}
		}
	}

	private static String nonceKey(Pending p) {
		return p.authorId() + "\u0000" + p.nonce();
	}

	private void cleanupNonces() {
		long now = clock.millis();
		if (now - lastNonceCleanup < 60_000) {
			return;
		}
		lastNonceCleanup = now;
		try {
			store.forgetNoncesBefore(clock.instant().minus(properties.nonceTtl()));
		}
		catch (RuntimeException ex) {
			log.debug("nonce cleanup failed", ex);
		}
	}

	static ChatSpaceException failure(RuntimeException ex) {
		return StoreFailures.toChatSpace(ex);
	}

	@Override
	public void start() {
		accepting = true;
		Thread t = Thread.ofPlatform().name("message-writer").unstarted(this::run);
		thread = t;
		t.start();
	}

	@Override
	public void stop() {
		accepting = false;
		Thread t = thread;
		if (t != null) {
			try {
				t.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// anything still queued (a submit racing the flag) is refused, never silently
		// dropped
		Pending left;
		while ((left = queue.poll()) != null) {
			left.result()
				.completeExceptionally(new ChatSpaceException(ErrorCode.UNAVAILABLE, "the server is shutting down"));
		}
	}

	@Override
	public boolean isRunning() {
		return accepting;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * A message waiting for the writer.
	 */
	record Pending(long roomId, String room, long authorId, String author, String body, String nonce,
			CompletableFuture<MessageStore.Appended> result) {
	}

}
