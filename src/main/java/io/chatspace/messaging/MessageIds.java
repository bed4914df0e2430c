package io.chatspace.messaging;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Generates 64-bit time-ordered ids in the layout of Twitter's Snowflake: 41 bits of
 * milliseconds since {@link #EPOCH} (2026-01-01T00:00:00Z; good for about 69 years), 10
 * bits of node id (0–1023, unique per node), 12 bits of sequence (4096 ids per
 * millisecond per node).
 * <p>
 * Ids from one generator are strictly increasing, also across a clock that steps back
 * (the generator keeps counting on its last millisecond) and past 4096 ids in a
 * millisecond (it borrows the next millisecond). Lock-free: one compare-and-set per id.
 */
public final class MessageIds {

	/**
	 * The zero of the id's timestamp, in Unix epoch milliseconds (2026-01-01T00:00:00Z).
	 */
	public static final long EPOCH = 1_767_225_600_000L;

	static final int NODE_BITS = 10;

	static final int SEQUENCE_BITS = 12;

	/** The largest node id, 1023. */
	public static final int MAX_NODE = (1 << NODE_BITS) - 1;

	private final long node;

	private final LongSupplier clock;

	// (milliseconds since EPOCH << SEQUENCE_BITS) | sequence of the last id handed out
	private final AtomicLong last = new AtomicLong();

	/**
	 * @param node this node's id, 0–{@value #MAX_NODE}
	 * @throws IllegalArgumentException for a node id out of range
	 */
	public MessageIds(int node) {
		this(node, System::currentTimeMillis);
	}

	MessageIds(int node, LongSupplier clock) {
		if (node < 0 || node > MAX_NODE) {
			throw new IllegalArgumentException("node id must be 0-" + MAX_NODE + ", was " + node);
		}
		this.node = node;
		this.clock = clock;
	}

	/**
	 * @return this generator's node id
	 */
	public int node() {
		return (int) node;
	}

	/**
	 * @return the next id, greater than every id this generator returned before
	 */
	public long next() {
		long now = (clock.getAsLong() - EPOCH) << SEQUENCE_BITS;
		long state;
		long next;
		do {
			state = last.get();
			next = Math.max(now, state + 1);
		}
		while (!last.compareAndSet(state, next));
		long millis = next >>> SEQUENCE_BITS;
		long sequence = next & ((1L << SEQUENCE_BITS) - 1);
		return (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
	}

	/**
	 * @param id an id from any generator
	 * @return the instant encoded in it
	 */
	public static Instant timestampOf(long id) {
		return Instant.ofEpochMilli((id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH);
	}

	/**
	 * @param instant a moment
	 * @return the smallest id any generator can give at that moment (every id of a later
	 * moment is greater)
	 */
	public static long firstIdAt(Instant instant) {
		long millis = Math.max(0, instant.toEpochMilli() - EPOCH);
		return millis << (NODE_BITS + SEQUENCE_BITS);
	}

	/**
	 * @param id an id from any generator
	 * @return the node id encoded in it
	 */
	public static int nodeOf(long id) {
		return (int) ((id >>> SEQUENCE_BITS) & MAX_NODE);
	}

}
