package io.chatspace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chatspace.bench.LoadGenerator.Target;

/**
 * The benchmark's scenarios, one command each ({@code bench/run.sh NAME}): each starts the
 * servers itself (ChatSpace from its jar on a fresh data directory, and the bare-Netty
 * baseline), drives both the same way from the same run, stops them, and prints every phase
 * and a Markdown table with the baseline beside ChatSpace.
 */
final class Scenarios {

	/** One fan-out case: R rooms × S sockets, P publishers per room sending M messages each. */
	record Case(String label, int rooms, int socketsPerRoom, int publishers, int messages, int warmup, int window) {

		int sockets() {
			return rooms * socketsPerRoom;
		}

	}

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(180);

	private final Map<String, String> options;

	private final Path jar;

	private final Path logDir;

	// --open-rate: the open loop's offered messages/s for both servers; NaN: half
	// ChatSpace's closed-loop rate (the budget's definition)
	private final double fixedOpenRate;

	// --warmup-seconds: closed-loop warm-up of each freshly started server (see warmUp)
	private final double warmupSeconds;

	// --open-warmup-seconds: an unreported open loop at the measured rate before the
	// measured one (0: none)
	private final double openWarmupSeconds;

	private final List<String> report = new ArrayList<>();

	Scenarios(Map<String, String> options) throws Exception {
		this.options = options;
		this.jar = Path.of(option("server-jar", "target/chatspace-0.1.0-SNAPSHOT-exec.jar"));
		this.logDir = Path.of(option("log-dir", "bench/target/logs"));
		this.fixedOpenRate = Double.parseDouble(option("open-rate", "NaN"));
		this.warmupSeconds = Double.parseDouble(option("warmup-seconds", "30"));
		this.openWarmupSeconds = Double.parseDouble(option("open-warmup-seconds", "5"));
		Files.createDirectories(logDir);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no server jar at " + jar.toAbsolutePath()
					+ "; build it with ./mvnw -q install -DskipTests (or pass --server-jar=)");
		}
	}

	private String option(String name, String fallback) {
		return options.getOrDefault(name, fallback);
	}

	private int intOption(String name, int fallback) {
		return Integer.parseInt(option(name, Integer.toString(fallback)));
	}

	void run(String scenario) throws Exception {
		say("# scenario " + scenario + " — " + java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, load average " + Files.readString(Path.of("/proc/loadavg")).trim());
		switch (scenario) {
			case "fanout-1000" -> load(List.of(scaled(new Case("1x1000", 1, 1000, 2, 1000, 200, 16))));
			case "fanout-100" -> load(List.of(scaled(new Case("1x100", 1, 100, 4, 2500, 500, 16)),
					scaled(new Case("10x50", 10, 50, 2, 1000, 200, 16))));
			case "small-rooms" -> load(List.of(scaled(new Case("200x5", 200, 5, 1, 500, 100, 8))));
			case "idle" -> idle(intOption("sockets", 19_600), intOption("rooms", 200));
			case "reconnect-storm" -> storm(intOption("rooms", 50), intOption("sockets-per-room", 101));
			case "custom" -> load(List.of(new Case(option("label", "custom"), intOption("rooms", 1),
					intOption("sockets-per-room", 100), intOption("publishers", 4), intOption("messages", 2500),
					intOption("warmup", 500), intOption("window", 16))));
			default -> throw new IllegalArgumentException("unknown scenario " + scenario
					+ "; one of fanout-1000, fanout-100, small-rooms, idle, reconnect-storm, custom");
		}
		System.out.println();
		report.forEach(System.out::println);
	}

	private Case scaled(Case c) {
		double scale = Double.parseDouble(option("scale", "1"));
		return new Case(c.label(), c.rooms(), c.socketsPerRoom(), c.publishers(),
				Math.max(10, (int) (c.messages() * scale)), Math.max(10, (int) (c.warmup() * scale)), c.window());
	}

	private static void say(String line) {
		System.out.println(line);
	}

	// ---------------------------------------------------------------- fan-out

	private record LoadRun(Result closed, Result open, double connectSeconds) {
	}

	private void load(List<Case> cases) throws Exception {
		int rounds = intOption("rounds", 1);
		for (Case c : cases) {
			List<String> summary = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
				// ChatSpace first: its maximum sets the open-loop rate (half of it) for both
				// servers, unless --open-rate fixes it (messages/s in total), e.g. to compare
				// two jars at the same load
				LoadRun chat = loadRun(Target.CHATSPACE, c, fixedOpenRate);
				LoadRun base = loadRun(Target.BASELINE, c,
						Double.isNaN(fixedOpenRate) ? chat.closed().messagesPerSecond() * 0.5 : fixedOpenRate);
				table(c, base, chat, rounds == 1 ? "" : " — round " + round + " of " + rounds);
				summary.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |",
						round, load,
						base.closed().deliveriesPerSecond(), chat.closed().deliveriesPerSecond(),
						chat.closed().deliveriesPerSecond() / base.closed().deliveriesPerSecond(),
						base.closed().cpuPerMillion(), chat.closed().cpuPerMillion(),
						chat.closed().cpuPerMillion() / base.closed().cpuPerMillion(), base.open().p99(),
						chat.open().p99()));
			}
			if (rounds > 1) {
				report.add("");
				report.add("#### " + c.label() + ": all rounds (closed loop, and the open loop's p99)");
				report.add("");
				report.add("| round | load average (1 min) at its start | baseline deliveries/s | ChatSpace deliveries/s | ratio "
						+ "| baseline CPU s/M | ChatSpace CPU s/M | ratio | baseline open-loop p99 ms | ChatSpace open-loop p99 ms |");
				report.add("|---|---|---|---|---|---|---|---|---|---|");
				report.addAll(summary);
			}
		}
	}

	private LoadRun loadRun(Target target, Case c, double openRate) throws Exception {
		int port = target == Target.CHATSPACE ? intOption("port", 18080) : intOption("baseline-port", 19090);
		try (ServerProcess server = start(target, port)) {
			try (LoadGenerator gen = new LoadGenerator(target, "127.0.0.1", port, intOption("client-threads", 2),
					256)) {
				gen.setup(c.rooms(), Math.min(c.sockets(), intOption("users", 20)));
				double connect = gen.connect(c.socketsPerRoom(), c.publishers(), PHASE_TIMEOUT);
				say(String.format(Locale.ROOT, "%s %s: %d sockets joined in %.2fs", target.label(), c.label(),
						c.sockets(), connect));
				warmUp(gen, server, c);
				profile(server, target, c, "closed", true);
				Result closed = gen.closedLoop(c.label(), c.messages(), c.window(), PHASE_TIMEOUT, server.pid());
				profile(server, target, c, "closed", false);
				say(closed.line());
				double rate = Double.isNaN(openRate) ? closed.messagesPerSecond() * 0.5 : openRate;
				int totalPublishers = c.rooms() * c.publishers();
				int perPublisher = (int) Math.max(20, Math.round(rate / totalPublishers * 5));
				if (openWarmupSeconds > 0) {
					say(gen.openLoop(c.label() + "-warmup", rate,
							(int) Math.max(10, Math.round(rate / totalPublishers * openWarmupSeconds)), PHASE_TIMEOUT,
							server.pid())
						.line());
				}
				profile(server, target, c, "open", true);
				Result open = gen.openLoop(c.label(), rate, perPublisher, PHASE_TIMEOUT, server.pid());
				profile(server, target, c, "open", false);
				say(open.line());
				gen.errorSamples().forEach(e -> say("  error sample: " + e));
				return new LoadRun(closed, open, connect);
			}
		}
	}

	/**
	 * Brings a freshly started server (and the load generator) to its steady state before
	 * anything is measured: closed-loop phases of {@code c.warmup()} messages per publisher,
	 * at least one, until {@code --warmup-seconds} (default 30) have passed. A JVM compiles
	 * its hot code during its first tens of seconds under load; measured then, a server with
	 * much code (Spring, Jetty, H2: ChatSpace) pays for its compiler threads, and the load
	 * generator for its own, where one with little code (the bare-Netty baseline) has
	 * finished. {@code --warmup-seconds=0} keeps the single warm-up phase of the benchmark's
	 * first versions.
	 */
	private void warmUp(LoadGenerator gen, ServerProcess server, Case c) throws Exception {
		long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
		int phases = 0;
		Result warm;
		do {
			warm = gen.closedLoop(c.label() + "-warmup", c.warmup(), c.window(), PHASE_TIMEOUT, server.pid());
			phases++;
		}
		while (System.nanoTime() < until);
		say(String.format(Locale.ROOT, "warm-up: %d closed-loop phase(s) in at least %.0f s; the last: %s", phases,
				warmupSeconds, warm.line()));
	}

	/**
	 * With {@code --jfr=DIR}: a flight recording of one measured phase of each server
	 * ({@code DIR/<target>-<case>-<mode>.jfr}, settings {@code profile} plus JDK 25's CPU-time
	 * sampler), started and stopped with {@code jcmd} so that start-up and warm-up stay out.
	 */
	private void profile(ServerProcess server, Target target, Case c, String mode, boolean start) throws Exception {
		profile(server, target, c.label() + "-" + mode, start);
	}

	private void profile(ServerProcess server, Target target, String label, boolean start) throws Exception {
		String dir = options.get("jfr");
		if (dir == null) {
			return;
		}
		String name = target.label().toLowerCase(Locale.ROOT) + "-" + label;
		if (start) {
			Files.createDirectories(Path.of(dir));
			server.jcmd("JFR.start", "name=" + name, "settings=profile", "jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=2ms",
					"filename=" + Path.of(dir, name + ".jfr").toAbsolutePath());
		}
		else {
			server.jcmd("JFR.stop", "name=" + name);
		}
	}

	private ServerProcess start(Target target, int port) throws Exception {
		if (target == Target.BASELINE) {
			return ServerProcess.baseline(port, logDir);
		}
		List<String> jvm = new ArrayList<>();
		String extra = options.get("server-jvm-args");
		if (extra != null && !extra.isBlank()) {
			jvm.addAll(List.of(extra.trim().split("\\s+")));
		}
		List<String> args = new ArrayList<>();
		String serverArgs = options.get("server-args");
		if (serverArgs != null && !serverArgs.isBlank()) {
			args.addAll(List.of(serverArgs.trim().split("\\s+")));
		}
		return ServerProcess.chatspace(jar, port, jvm, args, logDir);
	}

	private void table(Case c, LoadRun base, LoadRun chat, String round) {
		Result bc = base.closed();
		Result cc = chat.closed();
		Result bo = base.open();
		Result co = chat.open();
		report.add("");
		report.add(String.format(Locale.ROOT,
				"### %s: %d room(s) × %d sockets, %d publisher(s) per room, window %d, %d messages per publisher%s",
				c.label(), c.rooms(), c.socketsPerRoom(), c.publishers(), c.window(), c.messages(), round));
		report.add("");
		report.add("| measure | baseline (bare Netty) | ChatSpace | ChatSpace / baseline |");
		report.add("|---|---|---|---|");
		row("closed loop: deliveries/s", bc.deliveriesPerSecond(), cc.deliveriesPerSecond(), "%.0f");
		row("closed loop: messages in/s", bc.messagesPerSecond(), cc.messagesPerSecond(), "%.0f");
		row("closed loop: server CPU s per million deliveries", bc.cpuPerMillion(), cc.cpuPerMillion(), "%.2f");
		row("closed loop: the server's JIT compiler CPU s (part of its CPU)", bc.serverJitCpu(), cc.serverJitCpu(),
				"%.2f");
		row("closed loop: load generator CPU s per million deliveries", bc.clientCpu() / (bc.delivered() / 1e6),
				cc.clientCpu() / (cc.delivered() / 1e6), "%.2f");
		row("closed loop: latency p50 ms", bc.p50(), cc.p50(), "%.2f");
		row("closed loop: latency p99 ms", bc.p99(), cc.p99(), "%.2f");
		boolean halfOfMaximum = Double.isNaN(fixedOpenRate);
		row(halfOfMaximum ? "open loop: offered messages/s (half ChatSpace's closed-loop rate)"
				: "open loop: offered messages/s (--open-rate)", bo.offeredRate(), co.offeredRate(), "%.0f");
		row("open loop: deliveries/s", bo.deliveriesPerSecond(), co.deliveriesPerSecond(), "%.0f");
		row("open loop: latency p50 ms", bo.p50(), co.p50(), "%.2f");
		row("open loop: latency p90 ms", bo.p90(), co.p90(), "%.2f");
		row("open loop: latency p99 ms", bo.p99(), co.p99(), "%.2f");
		row("open loop: latency p99.9 ms", bo.p999(), co.p999(), "%.2f");
		row("open loop: send → ack p50 ms", bo.ackP50(), co.ackP50(), "%.2f");
		row("open loop: send → ack p99 ms", bo.ackP99(), co.ackP99(), "%.2f");
		row("open loop: server CPU s per million deliveries", bo.cpuPerMillion(), co.cpuPerMillion(), "%.2f");
		row("open loop: the server's JIT compiler CPU s (part of its CPU)", bo.serverJitCpu(), co.serverJitCpu(),
				"%.2f");
		row("open loop: the machine's CPU busy, all processes (%)", bo.machineBusy() * 100, co.machineBusy() * 100,
				"%.0f");
		writesRow("closed", cc);
		writesRow("open", co);
		report.add(String.format(Locale.ROOT, "| lost / duplicated / errors (closed + open) | %d / %d / %d | %d / %d / %d | |",
				bc.lost() + bo.lost(), bc.duplicates() + bo.duplicates(), bc.errors() + bo.errors(),
				cc.lost() + co.lost(), cc.duplicates() + co.duplicates(), cc.errors() + co.errors()));
		report.add(String.format(Locale.ROOT, "| sockets connected and joined in | %.2f s | %.2f s | |",
				base.connectSeconds(), chat.connectSeconds()));
		if (!c.label().equals("1x100") && !c.label().equals("10x50") || !halfOfMaximum) {
			// the p99 line is for half the maximum rate, not for a rate given by --open-rate
			return;
		}
		report.add("");
		report.add(String.format(Locale.ROOT,
				"Budget (fan-out 100): deliveries ≥ 0.65× baseline: %.2f× → %s; CPU ≤ 1.6× baseline: %.2f× → %s; "
						+ "open-loop p99 < 25 ms: %.2f ms → %s",
				cc.deliveriesPerSecond() / bc.deliveriesPerSecond(),
				cc.deliveriesPerSecond() >= 0.65 * bc.deliveriesPerSecond() ? "met" : "NOT met",
				cc.cpuPerMillion() / bc.cpuPerMillion(), cc.cpuPerMillion() <= 1.6 * bc.cpuPerMillion() ? "met" : "NOT met",
				co.p99(), co.p99() < 25 ? "met" : "NOT met"));
	}

	// ChatSpace's only: Netty's epoll transport (the baseline) writes with sendto(2), which
	// /proc/<pid>/io does not count (strace: about one sendto per delivery in the open loop)
	private void writesRow(String loop, Result chat) {
		report.add(String.format(Locale.ROOT,
				"| %s loop: server write(2)/writev(2) calls per delivery | not counted (sendto) | %.3f | |", loop,
				chat.writesPerDelivery()));
	}

	private void row(String name, double base, double chat, String format) {
		// no ratio to a baseline of zero (e.g. its JIT compiler idle during a phase)
		String ratio = base == 0 || Double.isNaN(base) ? "" : String.format(Locale.ROOT, "%.2f", chat / base);
		report.add(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %s |", name, base, chat, ratio));
	}

	// ---------------------------------------------------------------- idle

	private void idle(int sockets, int rooms) throws Exception {
		int perRoom = Math.max(1, sockets / rooms);
		report.add("");
		report.add(String.format(Locale.ROOT, "### idle: %d rooms × %d sockets = %d idle sockets, each joined to one room",
				rooms, perRoom, rooms * perRoom));
		report.add("");
		report.add("| measure | baseline (bare Netty) | ChatSpace |");
		report.add("|---|---|---|");
		long[][] values = new long[2][];
		double[] connect = new double[2];
		int i = 0;
		for (Target target : List.of(Target.BASELINE, Target.CHATSPACE)) {
			int port = target == Target.CHATSPACE ? intOption("port", 18080) : intOption("baseline-port", 19090);
			try (ServerProcess server = start(target, port)) {
				try (LoadGenerator gen = new LoadGenerator(target, "127.0.0.1", port, intOption("client-threads", 2),
						256)) {
					gen.setup(rooms, intOption("users", 20));
					Thread.sleep(2000);
					server.gc();
					Thread.sleep(1000);
					long before = Proc.rssKiB(server.pid());
					connect[i] = gen.connect(perRoom, 0, Duration.ofSeconds(600));
					Thread.sleep(5000);
					long after = Proc.rssKiB(server.pid());
					server.gc();
					Thread.sleep(3000);
					long afterGc = Proc.rssKiB(server.pid());
					if (target == Target.CHATSPACE) {
						// where the heap went: the top of the class histogram, into the server's log
						server.jcmd("GC.heap_info");
						server.jcmd("GC.class_histogram");
					}
					long fds = Proc.openFiles(server.pid());
					long threads = Proc.threads(server.pid());
					values[i] = new long[] { before, after, afterGc, fds, threads, gen.errors.sum() };
					say(String.format(Locale.ROOT,
							"%s idle: %d sockets in %.1fs; RSS before %d MiB, after %d MiB, after GC %d MiB; "
									+ "%.1f KiB per socket (after GC); fds %d threads %d errors %d",
							target.label(), gen.sockets.size(), connect[i], before >> 10, after >> 10, afterGc >> 10,
							(afterGc - before) / (double) gen.sockets.size(), fds, threads, gen.errors.sum()));
					gen.errorSamples().forEach(e -> say("  error sample: " + e));
				}
			}
			i++;
		}
		int n = rooms * perRoom;
		report.add(String.format(Locale.ROOT, "| server RSS before the sockets (after a GC) | %d MiB | %d MiB |",
				values[0][0] >> 10, values[1][0] >> 10));
		report.add(String.format(Locale.ROOT, "| server RSS with %d sockets | %d MiB | %d MiB |", n, values[0][1] >> 10,
				values[1][1] >> 10));
		report.add(String.format(Locale.ROOT, "| server RSS with %d sockets, after a full GC | %d MiB | %d MiB |", n,
				values[0][2] >> 10, values[1][2] >> 10));
		report.add(String.format(Locale.ROOT, "| RSS per socket (after GC − before) / sockets | %.1f KiB | %.1f KiB |",
				(values[0][2] - values[0][0]) / (double) n, (values[1][2] - values[1][0]) / (double) n));
		report.add(String.format(Locale.ROOT, "| RSS per socket without the GC | %.1f KiB | %.1f KiB |",
				(values[0][1] - values[0][0]) / (double) n, (values[1][1] - values[1][0]) / (double) n));
		report.add(String.format(Locale.ROOT, "| projected RSS at 20 000 sockets (after GC) | %d MiB | %d MiB |",
				projected(values[0], n) >> 10, projected(values[1], n) >> 10));
		report.add(String.format(Locale.ROOT, "| time to open, authenticate and join them | %.1f s | %.1f s |", connect[0],
				connect[1]));
		report.add(String.format(Locale.ROOT, "| server threads / open files | %d / %d | %d / %d |", values[0][4],
				values[0][3], values[1][4], values[1][3]));
		report.add(String.format(Locale.ROOT, "| errors | %d | %d |", values[0][5], values[1][5]));
		long chat20k = projected(values[1], n);
		report.add("");
		report.add(String.format(Locale.ROOT, "Budget: 20 000 idle sockets in under 1 GiB RSS: %d MiB measured at %d sockets "
				+ "(%d MiB projected at 20 000) → %s", values[1][2] >> 10, n, chat20k >> 10,
				chat20k < (1L << 20) ? "met" : "NOT met"));
	}

	private static long projected(long[] v, int n) {
		return v[0] + Math.round((v[2] - v[0]) / (double) n * 20_000);
	}

	// ---------------------------------------------------------------- reconnect storm

	private void storm(int rooms, int perRoom) throws Exception {
		double ratePerRoom = Double.parseDouble(option("rate-per-room", "5"));
		int seconds = intOption("seconds", 10);
		Duration dropAfter = Duration.ofSeconds(intOption("drop-after", 3));
		int rounds = intOption("rounds", 1);
		// a server in a reconnect storm has been running: each round starts both servers
		// afresh, drives --warmup-storms unreported storms (default 1) against each, and
		// measures the next one on the same server (the first storm is reported beside it:
		// on a fresh server the JIT compiler still takes a core's worth of the storm)
		int warmupStorms = intOption("warmup-storms", 1);
		// the storms on each server also warm the load generator's own resume code; without
		// them, one unreported round against each server does (--warmup-round)
		if (Boolean.parseBoolean(option("warmup-round", String.valueOf(warmupStorms == 0)))) {
			for (Target target : List.of(Target.BASELINE, Target.CHATSPACE)) {
				StormResult warm = stormRound(target, rooms, perRoom, ratePerRoom, seconds, dropAfter, 0).measured();
				say(String.format(Locale.ROOT, "%s: warm-up round (not reported): caught up in %.2fs", target.label(),
						warm.caughtUpSeconds()));
			}
		}
		List<StormRound[]> all = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			StormRound[] pair = new StormRound[2];
			for (Target target : List.of(Target.BASELINE, Target.CHATSPACE)) {
				pair[target == Target.CHATSPACE ? 1 : 0] = stormRound(target, rooms, perRoom, ratePerRoom, seconds,
						dropAfter, warmupStorms);
			}
			all.add(pair);
			stormTable(pair[0], pair[1], rooms, perRoom, ratePerRoom, seconds, dropAfter,
					rounds == 1 ? "" : " — round " + round + " of " + rounds);
		}
		if (rounds > 1) {
			stormRounds(all);
		}
	}

	/**
	 * The storms of one round against one server.
	 *
	 * @param first the server's first storm (null when it is the measured one)
	 * @param measured the storm the round reports, after {@code --warmup-storms} others
	 */
	record StormRound(StormResult first, StormResult measured) {
	}

	private StormRound stormRound(Target target, int rooms, int perRoom, double ratePerRoom, int seconds,
			Duration dropAfter, int warmupStorms) throws Exception {
		int port = target == Target.CHATSPACE ? intOption("port", 18080) : intOption("baseline-port", 19090);
		try (ServerProcess server = start(target, port)) {
			try (LoadGenerator gen = new LoadGenerator(target, "127.0.0.1", port, intOption("client-threads", 2),
					intOption("max-connecting", 512))) {
				gen.setup(rooms, intOption("users", 20));
				profile(server, target, "storm-connect", true);
				double before = Proc.cpuSeconds(server.pid());
				double connect = gen.connect(perRoom, 1, Duration.ofSeconds(300));
				double connectCpu = Proc.cpuSeconds(server.pid()) - before;
				profile(server, target, "storm-connect", false);
				say(String.format(Locale.ROOT, "%s: %d sockets joined in %.1fs, server CPU %.2fs (%.2f ms per socket)",
						target.label(), gen.sockets.size(), connect, connectCpu,
						connectCpu * 1000 / gen.sockets.size()));
				StormResult first = null;
				for (int i = 1; i <= warmupStorms; i++) {
					StormResult warm = gen.storm(ratePerRoom * rooms, (int) (ratePerRoom * seconds), dropAfter,
							Duration.ofSeconds(120), server.pid());
					say(String.format(Locale.ROOT, "%s: storm %d on this server, not measured (the first is shown beside the measured one):",
							target.label(), i));
					say(warm.line());
					if (i == 1) {
						first = warm;
					}
				}
				profile(server, target, "storm", true);
				StormResult r = gen.storm(ratePerRoom * rooms, (int) (ratePerRoom * seconds), dropAfter,
						Duration.ofSeconds(120), server.pid());
				profile(server, target, "storm", false);
				say(r.line());
				gen.errorSamples().forEach(e -> say("  error sample: " + e));
				return new StormRound(first, r);
			}
		}
	}

	private static boolean met(StormResult c) {
		return c.resumedSeconds() <= 5 && c.caughtUpSeconds() <= 5 && c.phase().lost() == 0
				&& c.phase().duplicates() == 0 && c.missing() == 0;
	}

	private void stormTable(StormRound baseline, StormRound chatspace, int rooms, int perRoom, double ratePerRoom,
			int seconds, Duration dropAfter, String round) {
		StormResult b = baseline.measured();
		StormResult c = chatspace.measured();
		report.add("");
		report.add(String.format(Locale.ROOT,
				"### reconnect storm: %d rooms × %d sockets; %d non-publishing sockets dropped at once after %ds and "
						+ "resumed with join after; publishers at %.0f messages/s per room throughout (%ds)%s",
				rooms, perRoom, c.dropped(), dropAfter.toSeconds(), ratePerRoom, seconds, round));
		report.add("");
		report.add("| measure | baseline (bare Netty, no history: resumes nothing) | ChatSpace |");
		report.add("|---|---|---|");
		report.add(String.format(Locale.ROOT, "| drop → last socket resumed (`joined`) | %.2f s | %.2f s |",
				b.resumedSeconds(), c.resumedSeconds()));
		report.add(String.format(Locale.ROOT, "| drop → every socket caught up | %.2f s | %.2f s |", b.caughtUpSeconds(),
				c.caughtUpSeconds()));
		if (baseline.first() != null && chatspace.first() != null) {
			report.add(String.format(Locale.ROOT,
					"| the same in the server's first storm (its code still being compiled; not measured) | %.2f s | %.2f s |",
					baseline.first().caughtUpSeconds(), chatspace.first().caughtUpSeconds()));
		}
		report.add(String.format(Locale.ROOT, "| one socket's resume p50 / p99 | %.2f / %.2f s | %.2f / %.2f s |",
				b.resumeP50(), b.resumeP99(), c.resumeP50(), c.resumeP99()));
		report.add(String.format(Locale.ROOT, "| lost / duplicated (whole run, every socket) | %d / %d | %d / %d |",
				b.phase().lost(), b.phase().duplicates(), c.phase().lost(), c.phase().duplicates()));
		report.add(String.format(Locale.ROOT, "| errors | %d | %d |", b.phase().errors(), c.phase().errors()));
		report.add(String.format(Locale.ROOT, "| server CPU s during the run | %.2f | %.2f |", b.phase().serverCpu(),
				c.phase().serverCpu()));
		report.add(String.format(Locale.ROOT, "| load generator CPU s during the run | %.2f | %.2f |",
				b.phase().clientCpu(), c.phase().clientCpu()));
		report.add(String.format(Locale.ROOT, "| the machine's CPU busy during the run, all processes | %.0f%% | %.0f%% |",
				b.phase().machineBusy() * 100, c.phase().machineBusy() * 100));
		report.add("");
		report.add(String.format(Locale.ROOT,
				"Budget: %d resumed within 5 s, zero lost, zero duplicated: resumed %.2f s, caught up %.2f s, "
						+ "lost %d, duplicated %d → %s",
				c.dropped(), c.resumedSeconds(), c.caughtUpSeconds(), c.phase().lost(), c.phase().duplicates(),
				met(c) ? "met" : "NOT met"));
	}

	private void stormRounds(List<StormRound[]> all) {
		report.add("");
		report.add("#### reconnect storm: all rounds (drop → every socket caught up)");
		report.add("");
		report.add("| round | baseline | ChatSpace | ChatSpace lost / duplicated | budget | ChatSpace's first storm on the server (not measured) |");
		report.add("|---|---|---|---|---|---|");
		double[] caughtUp = new double[all.size()];
		int met = 0;
		for (int i = 0; i < all.size(); i++) {
			StormResult b = all.get(i)[0].measured();
			StormResult c = all.get(i)[1].measured();
			StormResult first = all.get(i)[1].first();
			caughtUp[i] = Math.max(c.resumedSeconds(), c.caughtUpSeconds());
			boolean roundMet = met(c);
			met += roundMet ? 1 : 0;
			report.add(String.format(Locale.ROOT, "| %d | %.2f s | %.2f s | %d / %d | %s | %s |", i + 1,
					b.caughtUpSeconds(), c.caughtUpSeconds(), c.phase().lost(), c.phase().duplicates(),
					roundMet ? "met" : "not met",
					first == null ? "—" : String.format(Locale.ROOT, "%.2f s", first.caughtUpSeconds())));
		}
		Arrays.sort(caughtUp);
		double median = caughtUp.length % 2 == 1 ? caughtUp[caughtUp.length / 2]
				: (caughtUp[caughtUp.length / 2 - 1] + caughtUp[caughtUp.length / 2]) / 2;
		report.add("");
		report.add(String.format(Locale.ROOT,
				"Budget over %d rounds: met in %d; median %.2f s, slowest %.2f s → %s", all.size(), met, median,
				caughtUp[caughtUp.length - 1], met == all.size() ? "met in every round" : "NOT met in every round"));
	}

}
