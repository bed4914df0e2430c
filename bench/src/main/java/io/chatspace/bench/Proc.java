package io.chatspace.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux tells about a process in {@code /proc/<pid>}: CPU time ({@code stat} fields 14
 * and 15, utime and stime, in clock ticks of 1/100 s), resident memory ({@code status}
 * VmRSS, KiB), open file descriptors and threads.
 */
final class Proc {

	/** USER_HZ on Linux x86-64: {@code getconf CLK_TCK}. */
	static final double TICKS_PER_SECOND = 100.0;

	private Proc() {
	}

	/** @return user + system CPU seconds the process has used so far */
	static double cpuSeconds(long pid) {
		return ticks(read(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND;
	}

	/** utime + stime of a {@code stat} line (a process's or a thread's), in clock ticks. */
	private static long ticks(String stat) {
		// the command name (field 2) is in parentheses and may hold spaces: count after ')'
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		// fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12]
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * @return user + system CPU seconds the process's JIT compiler threads have used so far:
	 * HotSpot's {@code C1 CompilerThreadN} and {@code C2 CompilerThreadN}, whose names Linux
	 * keeps as {@code C1 CompilerThre} and {@code C2 CompilerThre} ({@code /proc/<pid>/task/<tid>/comm},
	 * 15 characters), or NaN when unreadable. A compiler thread the JVM has stopped
	 * ({@code -XX:+UseDynamicNumberOfCompilerThreads}) no longer counts, so a difference of two
	 * readings can be short of what was compiled between them, never above it
	 */
	static double jitCpuSeconds(long pid) {
		try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			double seconds = 0;
			for (Path task : tasks.toList()) {
				try {
					String name = Files.readString(task.resolve("comm"));
					if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
						seconds += ticks(Files.readString(task.resolve("stat"))) / TICKS_PER_SECOND;
					}
				}
				catch (IOException ex) {
					// the thread ended between the listing and the read
				}
			}
			return seconds;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * @return the write system calls (write, writev, pwrite…) the process has made so far
	 * ({@code syscw} of {@code /proc/<pid>/io}), or -1 when unreadable. The kernel counts
	 * only the file-style calls: not send, sendto or sendmsg, which Netty's epoll transport
	 * (the baseline) writes with; the JDK's socket channels (Jetty, ChatSpace) use writev
	 */
	static long writeSyscalls(long pid) {
		try {
			for (String line : read(Path.of("/proc", Long.toString(pid), "io")).split("\n")) {
				if (line.startsWith("syscw:")) {
					return Long.parseLong(line.substring(6).trim());
				}
			}
		}
		catch (RuntimeException ex) {
			// not readable (another user's process): reported as unknown
		}
		return -1;
	}

	/**
	 * @return the machine's CPU time so far, all cores, in clock ticks: {busy, total}, where
	 * busy is everything but idle and I/O wait (the {@code cpu} line of {@code /proc/stat}),
	 * or {@literal null} when unreadable
	 */
	static long[] machineTicks() {
		try {
			String line = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow();
			String[] fields = line.trim().split("\\s+");
			long total = 0;
			// user nice system idle iowait irq softirq steal (guest time is inside user)
			for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
				total += Long.parseLong(fields[i]);
			}
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			return new long[] { total - idle, total };
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** @return the resident set size in KiB (VmRSS) */
	static long rssKiB(long pid) {
		return statusField(pid, "VmRSS:");
	}

	/** @return the number of threads */
	static long threads(long pid) {
		return statusField(pid, "Threads:");
	}

	/** @return the number of open file descriptors */
	static long openFiles(long pid) {
		try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			return list.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static long statusField(long pid, String name) {
		for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
			if (line.startsWith(name)) {
				return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
			}
		}
		throw new IllegalStateException(name + " missing for pid " + pid);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
