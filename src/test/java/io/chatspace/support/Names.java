package io.chatspace.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique user and room names for tests: Spring contexts (and their databases) are shared
 * between test classes with the same configuration, so no two tests may pick the same
 * name.
 */
public final class Names {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	// differs between JVMs so a stray reused database never collides either
	private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

	private Names() {
	}

	/**
	 * @param prefix at most 20 characters of {@code [A-Za-z0-9_.-]}
	 * @return {@code prefix} made unique, a valid username and room name (at most 32
	 * characters)
	 */
	public static String unique(String prefix) {
		return prefix + "-" + RUN + SEQUENCE.incrementAndGet();
	}

}
