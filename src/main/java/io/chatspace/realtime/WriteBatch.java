package io.chatspace.realtime;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A stretch of work on one thread whose socket writes are coalesced: every frame queued
 * on a {@link Connection} inside {@link #run} may wait in the container's buffer, and
 * each connection written to is flushed once when the work ends. A burst of frames for
 * one socket (several events of a fan-out lane's run, several rooms' {@code unread}
 * counts of one interval) then costs one write system call instead of one per frame;
 * nothing waits longer than the work itself. Outside {@link #run}, frames are written at
 * once.
 */
final class WriteBatch {

	private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();

	private final Set<Connection> written = Collections.newSetFromMap(new IdentityHashMap<>());

	private WriteBatch() {
	}

	/**
	 * Runs work with its socket writes coalesced, then flushes every connection it wrote
	 * to (also when it throws). Nested calls join the outer batch.
	 * @param work the work
	 */
	static void run(Runnable work) {
		if (CURRENT.get() != null) {
			work.run();
			return;
		}
		WriteBatch batch = new WriteBatch();
		CURRENT.set(batch);
		try {
			work.run();
		}
		finally {
			CURRENT.remove();
			for (Connection connection : batch.written) {
				connection.flush();
			}
		}
	}

	/**
	 * Called for every frame queued on a connection.
	 * @param connection the connection a frame is being queued on
	 * @return whether the frame may wait for the end of the current batch (false outside
	 * one: write at once)
	 */
	static boolean defer(Connection connection) {
		WriteBatch batch = CURRENT.get();
		if (batch == null) {
			return false;
		}
		batch.written.add(connection);
		return true;
	}

}
