package io.chatspace.realtime;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write rooms' events to local sockets, so that the thread that produced
 * an event (the group-commit writer, the broker's subscriber) hands it over and goes back
 * to its own work at once. Every connection belongs to one lane ({@link #laneOf}), as a
 * Netty channel belongs to one event loop; an event for a room is handed to each lane
 * that has some of the room's sockets, and each writes it to its share. A lane runs its
 * tasks one at a time in the order they came, so a room's events reach each socket in
 * order, and a large room's fan-out uses every core. One lane per core by default; the
 * writes themselves never block ({@link Connection#send(byte[])}).
 * <p>
 * A lane writes in {@link WriteBatch}es: the frames its tasks queue on a socket are
 * written together when the batch ends. An event after a quiet spell (no flush for
 * {@code linger}) is written at once; while events keep coming, a lane flushes at most
 * once per {@code linger}, gathering every event that arrives meanwhile: under load, a
 * socket gets one write system call for several events (as Nagle's algorithm, but bounded
 * by {@code linger} and only while the lane is busy), at the cost of at most
 * {@code linger} of added latency.
 * <p>
 * Each lane's queue is bounded: a producer that finds it full waits (back-pressure on the
 * commits, so on the senders' {@code ack}s) instead of growing the heap.
 */
final class FanoutLanes {

	private static final Logger log = LoggerFactory.getLogger(FanoutLanes.class);

	private final Lane[] lanes;

	/**
	 * @param count the number of lanes (threads); 0 runs every task on the caller's
	 * thread (for benchmarks of the fan-out itself)
	 * @param capacity the most tasks waiting in one lane
	 * @param linger the least time between two flushes of a lane while events keep coming
	 * (0: flush after every run of tasks)
	 */
	FanoutLanes(int count, int capacity, Duration linger) {
		this.lanes = new Lane[Math.max(0, count)];
		for (int i = 0; i < lanes.length; i++) {
			lanes[i] = new Lane(capacity, linger.toNanos());
			lanes[i].thread = Thread.ofPlatform().name("room-fanout-" + i).daemon().unstarted(lanes[i]);
			lanes[i].thread.start();
		}
	}

	/**
	 * @return the number of lanes (at least 1: with no threads, the caller's own)
	 */
	int count() {
		return Math.max(1, lanes.length);
	}

	/**
	 * @param connection a connection
	 * @return the index of the lane that writes to it, in {@code [0, count())}
	 */
	int laneOf(Connection connection) {
		return Math.floorMod(connection.id().hashCode(), count());
	}

	/**
	 * Runs a task on a lane, after the tasks already queued there. Blocks only while that
	 * lane's queue is full.
	 * @param index the lane, from {@link #laneOf}
	 * @param task the fan-out work; a runtime exception it throws is logged
	 */
	void execute(int index, Runnable task) {
		if (lanes.length == 0) {
			task.run();
			return;
		}
		Lane lane = lanes[index];
		if (Thread.currentThread() == lane.thread) {
			task.run(); // work handed over by the lane itself: never wait on its own
						// queue
			return;
		}
		boolean interrupted = false;
		while (true) {
			try {
				lane.queue.put(task);
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true; // the event must not be lost or reordered
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the lanes after the tasks already queued. */
	void shutdown() {
		for (Lane lane : lanes) {
			lane.queue.offer(Lane.STOP);
		}
	}

	private static final class Lane implements Runnable {

		static final Runnable STOP = () -> {
		};

		final BlockingQueue<Runnable> queue;

		final long linger;

		volatile Thread thread;

		// set by gather() when it took STOP from the queue
		private boolean stopped;

		Lane(int capacity, long linger) {
			this.queue = new ArrayBlockingQueue<>(capacity);
			this.linger = linger;
		}

		@Override
		public void run() {
			long lastFlush = System.nanoTime() - linger;
			try {
				while (!stopped) {
					Runnable first = queue.take();
					if (first == STOP) {
						return;
					}
					long now = System.nanoTime();
					if (queue.isEmpty() && now - lastFlush >= linger) {
						runLogged(first); // after a quiet spell: written at once
					}
					else {
						long deadline = Math.max(now, lastFlush + linger);
						WriteBatch.run(() -> gather(first, deadline));
					}
					lastFlush = System.nanoTime();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/** Runs the task and whatever else comes until the deadline. */
		private void gather(Runnable first, long deadline) {
			runLogged(first);
			try {
				while (true) {
					Runnable next = queue.poll();
					if (next == null) {
						long left = deadline - System.nanoTime();
						if (left <= 0 || (next = queue.poll(left, TimeUnit.NANOSECONDS)) == null) {
							return;
						}
					}
					if (next == STOP) {
						stopped = true;
						return;
					}
					runLogged(next);
				}
			}
			catch (InterruptedException ex) {
				stopped = true;
				Thread.currentThread().interrupt();
			}
		}

		private static void runLogged(Runnable task) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.error("fan-out task failed", ex);
			}
		}

	}

}
