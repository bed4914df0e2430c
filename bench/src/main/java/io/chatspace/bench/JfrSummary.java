package io.chatspace.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a flight recording's samples are: the hottest methods by own samples (top frame),
 * the methods and layers by inclusive samples (anywhere on the stack), the threads, and the
 * classes allocated most. Reads {@code jdk.ExecutionSample}, {@code jdk.NativeMethodSample}
 * and {@code jdk.CPUTimeSample} (JDK 25, when recorded) separately, and
 * {@code jdk.ObjectAllocationSample} (bytes, weighted).
 */
final class JfrSummary {

	/** Layers by package prefix, first match wins; the order puts the specific before the general. */
	private static final Map<String, String> LAYERS = new LinkedHashMap<>();

	static {
		LAYERS.put("io.chatspace.bench", "bench (baseline server)");
		LAYERS.put("io.chatspace.realtime.FrameCodec", "ChatSpace frame codec (Jackson)");
		LAYERS.put("io.chatspace.realtime", "ChatSpace gateway");
		LAYERS.put("io.chatspace.messaging.jdbc", "ChatSpace message store (JDBC)");
		LAYERS.put("io.chatspace.messaging", "ChatSpace messaging");
		LAYERS.put("io.chatspace", "ChatSpace other");
		LAYERS.put("org.h2", "H2 database");
		LAYERS.put("tools.jackson", "Jackson");
		LAYERS.put("org.apache.tomcat.websocket", "Tomcat WebSocket");
		LAYERS.put("org.apache.tomcat.util.net", "Tomcat NIO endpoint");
		LAYERS.put("org.apache", "Tomcat other");
		LAYERS.put("org.springframework.web.socket", "Spring WebSocket");
		LAYERS.put("org.springframework", "Spring other");
		LAYERS.put("sun.nio.ch", "JDK NIO (socket syscalls)");
		LAYERS.put("sun.nio.cs", "JDK charset coding");
		LAYERS.put("java.util.concurrent", "java.util.concurrent");
		LAYERS.put("jdk.internal.vm.Continuation", "virtual thread scheduling");
		LAYERS.put("java.lang.VirtualThread", "virtual thread scheduling");
		LAYERS.put("java.lang.String", "java.lang.String");
	}

	private JfrSummary() {
	}

	static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
		Map<String, Stats> byType = new LinkedHashMap<>();
		Map<String, Long> allocations = new HashMap<>();
		long allocated = 0;
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent e = recording.readEvent();
				String type = e.getEventType().getName();
				switch (type) {
					case "jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.CPUTimeSample" -> {
						RecordedStackTrace stack = e.getStackTrace();
						if (stack != null) {
							String thread = threadName(e);
							byType.computeIfAbsent(type, t -> new Stats()).add(stack, thread);
						}
					}
					case "jdk.ObjectAllocationSample" -> {
						long weight = e.getLong("weight");
						String cls = e.getClass("objectClass").getName();
						allocations.merge(cls, weight, Long::sum);
						allocated += weight;
					}
					default -> {
					}
				}
			}
		}
		for (var entry : byType.entrySet()) {
			Stats s = entry.getValue();
			System.out.printf(Locale.ROOT, "%n== %s: %d samples ==%n", entry.getKey(), s.samples);
			print("threads", s.threads, s.samples, top);
			print("layers (inclusive: a sample counts for every layer on its stack)", s.layersInclusive, s.samples, top);
			print("layer of the top frame (self)", s.layerSelf, s.samples, top);
			print("hottest methods (self, top frame)", s.self, s.samples, top);
			print("methods (inclusive)", s.inclusive, s.samples, top);
		}
		if (allocated > 0) {
			System.out.printf(Locale.ROOT, "%n== allocation (jdk.ObjectAllocationSample, weighted): %.1f MiB ==%n",
					allocated / 1048576.0);
			print("classes allocated", allocations, allocated, top);
		}
	}

	private static String threadName(RecordedEvent e) {
		for (String field : List.of("sampledThread", "eventThread")) {
			if (e.hasField(field)) {
				var thread = e.getThread(field);
				if (thread != null) {
					String name = thread.getJavaName();
					if (name == null || name.isEmpty()) {
						return thread.isVirtual() ? "(virtual)" : "(unnamed)";
					}
					return name.replaceAll("[0-9]+", "N");
				}
			}
		}
		return "?";
	}

	private static void print(String title, Map<String, Long> counts, long total, int top) {
		System.out.println("-- " + title);
		List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (var entry : entries.subList(0, Math.min(top, entries.size()))) {
			System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey());
		}
	}

	static String layer(String className) {
		for (var entry : LAYERS.entrySet()) {
			if (className.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
			return "JDK other";
		}
		return "other (" + className.replaceAll("^((?:[^.]+\\.){0,2}).*", "$1") + ")";
	}

	/** Sample counts of one event type. */
	static final class Stats {

		long samples;

		final Map<String, Long> self = new HashMap<>();

		final Map<String, Long> inclusive = new HashMap<>();

		final Map<String, Long> layerSelf = new HashMap<>();

		final Map<String, Long> layersInclusive = new HashMap<>();

		final Map<String, Long> threads = new HashMap<>();

		void add(RecordedStackTrace stack, String thread) {
			samples++;
			threads.merge(thread, 1L, Long::sum);
			List<RecordedFrame> frames = stack.getFrames();
			if (frames.isEmpty()) {
				return;
			}
			String topClass = frames.get(0).getMethod().getType().getName();
			self.merge(name(frames.get(0)), 1L, Long::sum);
			layerSelf.merge(layer(topClass), 1L, Long::sum);
			Set<String> seenMethods = new HashSet<>();
			Set<String> seenLayers = new HashSet<>();
			for (RecordedFrame frame : frames) {
				if (seenMethods.add(name(frame))) {
					inclusive.merge(name(frame), 1L, Long::sum);
				}
				String l = layer(frame.getMethod().getType().getName());
				if (seenLayers.add(l)) {
					layersInclusive.merge(l, 1L, Long::sum);
				}
			}
		}

		private static String name(RecordedFrame frame) {
			return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
		}

	}

}
