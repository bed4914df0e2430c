package io.chatspace.bench;

import java.util.Locale;

/**
 * One measured phase of the load generator against one server.
 *
 * @param target {@code ChatSpace} or {@code baseline}
 * @param label the scenario case, e.g. {@code 1x100}
 * @param mode {@code closed} (window of unacknowledged sends), {@code open} (fixed rate) or
 * {@code storm}
 * @param sockets client sockets
 * @param rooms rooms they are spread over
 * @param publishers publishing sockets in all
 * @param messages messages sent in all
 * @param window the closed loop's messages in flight per publisher
 * @param complete whether every expected delivery arrived before the time-out
 * @param seconds from the first send to the last expected delivery
 * @param delivered distinct {@code message} events received, over all sockets
 * @param expected deliveries expected (messages accepted × sockets in the room)
 * @param lost expected but never received
 * @param duplicates received more than once by the same socket
 * @param errors error frames, failed handshakes, unexpected closes
 * @param deliveriesPerSecond {@code delivered / seconds}
 * @param messagesPerSecond acknowledged sends per second
 * @param offeredRate the open loop's intended sends per second, NaN for a closed loop
 * @param p50 end-to-end latency in milliseconds (send to receipt), 50th percentile
 * @param p90 90th percentile, ms
 * @param p99 99th percentile, ms
 * @param p999 99.9th percentile, ms
 * @param max the largest latency, ms
 * @param ackP50 send to the sender's {@code ack} in milliseconds, 50th percentile (for
 * ChatSpace: accepted and durable)
 * @param ackP99 send to {@code ack}, 99th percentile, ms
 * @param serverCpu the server process's user + system CPU seconds during the phase
 * ({@code /proc/<pid>/stat})
 * @param serverJitCpu the part of {@code serverCpu} its JIT compiler threads used
 * ({@link Proc#jitCpuSeconds}): a server still compiling its hot code is not yet in its
 * steady state, NaN when unknown
 * @param cpuPerMillion server CPU seconds per million deliveries
 * @param clientCpu the load generator's own CPU seconds during the phase
 * @param writesPerDelivery the server's write system calls during the phase per delivery
 * ({@code syscw} of {@code /proc/<pid>/io}: write and writev, not sendto, so the
 * baseline's are not counted; below 1 when frames for one socket share a write), NaN when
 * unknown
 * @param machineBusy the share of the machine's CPU time (all cores, all processes) spent
 * busy during the phase ({@code /proc/stat}: everything but idle and I/O wait), 0–1, NaN
 * when unknown: near 1, the latencies include queueing for a core
 */
record Result(String target, String label, String mode, int sockets, int rooms, int publishers, long messages,
		int window, boolean complete, double seconds, long delivered, long expected, long lost, long duplicates,
		long errors, double deliveriesPerSecond, double messagesPerSecond, double offeredRate, double p50, double p90,
		double p99, double p999, double max, double ackP50, double ackP99, double serverCpu, double serverJitCpu,
		double cpuPerMillion, double clientCpu, double writesPerDelivery, double machineBusy) {

	Result withOfferedRate(double rate) {
		return new Result(target, label, mode, sockets, rooms, publishers, messages, window, complete, seconds,
				delivered, expected, lost, duplicates, errors, deliveriesPerSecond, messagesPerSecond, rate, p50, p90,
				p99, p999, max, ackP50, ackP99, serverCpu, serverJitCpu, cpuPerMillion, clientCpu, writesPerDelivery,
				machineBusy);
	}

	/** @return one human-readable line */
	String line() {
		return String.format(Locale.ROOT,
				"%-9s %-8s %-6s sockets=%d rooms=%d pubs=%d msgs=%d%s complete=%s time=%.2fs delivered=%d/%d lost=%d dup=%d errors=%d"
						+ " rate=%.0f deliveries/s (%.0f msgs/s in) latency ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f"
						+ " ack p50=%.2f p99=%.2f serverCPU=%.2fs (JIT %.2fs; %.2f s/M deliveries) clientCPU=%.2fs"
						+ " server writes/delivery=%.3f machine busy=%.0f%%",
				target, label, mode, sockets, rooms, publishers, messages,
				Double.isNaN(offeredRate) ? " window=" + window : String.format(Locale.ROOT, " offered=%.0f/s", offeredRate),
				complete, seconds, delivered, expected, lost, duplicates, errors, deliveriesPerSecond, messagesPerSecond,
				p50, p90, p99, p999, max, ackP50, ackP99, serverCpu, serverJitCpu, cpuPerMillion, clientCpu,
				writesPerDelivery, machineBusy * 100);
	}

}
