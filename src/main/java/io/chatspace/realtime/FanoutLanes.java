package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
 * A lane takes every task waiting at once and runs them in one {@link WriteBatch}: the
 * frames they queue on a socket are written together when the run ends. Under load, a
 * socket gets one write for many events (as a Netty event loop flushes once per read
 * cycle), while an event arriving alone is written at once, frame by frame.
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
	 */
	FanoutLanes(int count, int capacity) {
		this.lanes = new Lane[Math.max(0, count)];
		for (int i = 0; i < lanes.length; i++) {
			lanes[i] = new Lane(capacity, "room-fanout-" + i);
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
			// handed over by the lane itself: never wait on its own (maybe full) queue
			task.run();
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

		final Thread thread;

		Lane(int capacity, String name) {
			this.queue = new ArrayBlockingQueue<>(capacity);
			this.thread = Thread.ofPlatform().name(name).daemon().start(this);
		}

		@Override
		public void run() {
			List<Runnable> batch = new ArrayList<>();
			try {
				while (true) {
					batch.add(queue.take());
					queue.drainTo(batch);
					int stop = batch.indexOf(STOP);
					List<Runnable> tasks = stop < 0 ? batch : batch.subList(0, stop);
					if (tasks.size() == 1) {
						// alone: nothing would join its frames
						runLogged(tasks.getFirst());
					}
					else {
						WriteBatch.run(() -> tasks.forEach(Lane::runLogged));
					}
					if (stop >= 0) {
						return;
					}
					batch.clear();
				}
			}
			catch (InterruptedException ex) {
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
