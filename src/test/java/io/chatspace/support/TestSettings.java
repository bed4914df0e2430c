package io.chatspace.support;

/**
 * Property sets of the Spring contexts the real-port tests run in. Test classes that use
 * the same set share one context (and one in-memory database).
 */
public final class TestSettings {

	/** No send rate limits: for tests that post hundreds of messages. */
	public static final String NO_RATE_LIMIT = "chatspace.rate-limit.enabled=false";

	/**
	 * A small outbound buffer per socket, so a client that does not read is found
	 * quickly.
	 */
	public static final String SMALL_OUTBOUND_BUFFER = "chatspace.realtime.outbound-buffer=256KB";

	/**
	 * Presence announced every 100 ms, offline after a grace of 1 s: for tests that watch
	 * users come and go.
	 */
	public static final String FAST_PRESENCE_GRACE = "chatspace.presence.offline-grace=1s";

	/** See {@link #FAST_PRESENCE_GRACE}. */
	public static final String FAST_PRESENCE_FLUSH = "chatspace.presence.flush-interval=100ms";

	/** A socket silent for 300 ms gets a ping; one silent for 1.5 s is dropped. */
	public static final String FAST_HEARTBEAT = "chatspace.realtime.heartbeat-interval=300ms";

	/** See {@link #FAST_HEARTBEAT}. */
	public static final String SHORT_IDLE_TIMEOUT = "chatspace.realtime.idle-timeout=1500ms";

	private TestSettings() {
	}

}
