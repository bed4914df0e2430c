package io.chatspace.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.chatspace.bench.LoadGenerator.Target;

/**
 * The benchmark's command line ({@code java -jar bench/target/chatspace-bench.jar COMMAND}):
 * <ul>
 * <li>{@code scenario NAME [--option=value…]}: one of the scenarios of
 * {@code docs/performance.md}; starts and stops the servers itself (see {@code bench/run.sh});</li>
 * <li>{@code load [--option=value…]}: the load generator alone against a running server
 * ({@code --target=chatspace|baseline --port= --rooms= --sockets-per-room= --publishers=
 * --messages= --window= --warmup= --rate= --server-pid=}); rates are messages per second,
 * latencies milliseconds, CPU from {@code /proc/<server-pid>/stat};</li>
 * <li>{@code baseline [PORT]}: the bare-Netty baseline server;</li>
 * <li>{@code jmh [JMH options]}: the microbenchmarks;</li>
 * <li>{@code jfr-summary FILE.jfr}: where a flight recording's CPU samples are.</li>
 * </ul>
 */
public final class Bench {

	private Bench() {
	}

	/**
	 * @param args the command and its options
	 * @throws Exception when a run fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: scenario NAME [--opt=v…] | load [--opt=v…] | baseline [PORT] | jmh [ARGS] | jfr-summary FILE");
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "scenario" -> {
				if (rest.length == 0) {
					throw new IllegalArgumentException("scenario needs a name");
				}
				new Scenarios(options(Arrays.copyOfRange(rest, 1, rest.length))).run(rest[0]);
			}
			case "load" -> load(options(rest));
			case "baseline" -> BaselineServer.main(rest);
			case "jmh" -> org.openjdk.jmh.Main.main(rest);
			case "jfr-summary" -> JfrSummary.main(rest);
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
		System.exit(0);
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("options look like --name=value, not " + arg);
			}
			int eq = arg.indexOf('=');
			options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
		}
		return options;
	}

	private static void load(Map<String, String> o) throws Exception {
		Target target = Target.valueOf(o.getOrDefault("target", "chatspace").toUpperCase());
		int port = Integer.parseInt(o.getOrDefault("port", target == Target.CHATSPACE ? "8080" : "9090"));
		int rooms = Integer.parseInt(o.getOrDefault("rooms", "1"));
		int perRoom = Integer.parseInt(o.getOrDefault("sockets-per-room", "100"));
		int publishers = Integer.parseInt(o.getOrDefault("publishers", "4"));
		int messages = Integer.parseInt(o.getOrDefault("messages", "2500"));
		int window = Integer.parseInt(o.getOrDefault("window", "16"));
		int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
		long pid = Long.parseLong(o.getOrDefault("server-pid", "0"));
		Duration timeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "180")));
		try (LoadGenerator gen = new LoadGenerator(target, o.getOrDefault("host", "127.0.0.1"), port,
				Integer.parseInt(o.getOrDefault("client-threads", "2")), 256)) {
			gen.setup(rooms, Math.min(rooms * perRoom, Integer.parseInt(o.getOrDefault("users", "20"))));
			System.out.printf("%d sockets joined in %.2fs%n", rooms * perRoom, gen.connect(perRoom, publishers, timeout));
			if (warmup > 0) {
				System.out.println(gen.closedLoop("warmup", warmup, window, timeout, pid).line());
			}
			Result r = o.containsKey("rate")
					? gen.openLoop("open", Double.parseDouble(o.get("rate")), messages, timeout, pid)
					: gen.closedLoop("closed", messages, window, timeout, pid);
			System.out.println(r.line());
			gen.errorSamples().forEach(e -> System.out.println("  error sample: " + e));
		}
	}

}
