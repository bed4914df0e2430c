package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write a room's events to its local sockets, so that the thread that
 * produced an event (the group-commit writer, the broker's subscriber) hands it over and
 * goes back to its own work at once. A room always maps to the same lane, and a lane runs
 * its tasks one at a time in the order they came: a room's events reach each socket in
 * order. One lane per core by default; the writes themselves never block
 * ({@link Connection#send(byte[])}).
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
			lanes[i] = new Lane(capacity);
			Thread.ofPlatform().name("room-fanout-" + i).daemon().start(lanes[i]);
		}
	}

	/**
	 * Runs a task on the room's lane, after the tasks already queued there. Blocks only
	 * while that lane's queue is full.
	 * @param room the room (its slug, or any key that names it)
	 * @param task the fan-out work; a runtime exception it throws is logged
	 */
	void execute(String room, Runnable task) {
		if (lanes.length == 0) {
			task.run();
			return;
		}
		Lane lane = lanes[Math.floorMod(room.hashCode(), lanes.length)];
		if (Thread.currentThread() == lane.thread) {
			task.run(); // already on the room's lane, behind everything queued before
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

		volatile Thread thread;

		Lane(int capacity) {
			this.queue = new ArrayBlockingQueue<>(capacity);
		}

		@Override
		public void run() {
			thread = Thread.currentThread();
			List<Runnable> batch = new ArrayList<>();
			try {
				while (true) {
					batch.add(queue.take());
					queue.drainTo(batch);
					for (Runnable task : batch) {
						if (task == STOP) {
							return;
						}
						try {
							task.run();
						}
						catch (RuntimeException ex) {
							log.error("fan-out task failed", ex);
						}
					}
					batch.clear();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
