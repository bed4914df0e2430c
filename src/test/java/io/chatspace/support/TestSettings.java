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

	private TestSettings() {
	}

}
