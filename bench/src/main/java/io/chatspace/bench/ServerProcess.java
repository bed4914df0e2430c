package io.chatspace.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, started as its own process and stopped afterwards: ChatSpace from
 * its runnable jar (embedded default profile, persistence on, a fresh temporary data
 * directory, rate limits off) or the {@link BaselineServer} from this module's classpath.
 */
final class ServerProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final int port;

	private final Path dataDir;

	private final Path log;

	private ServerProcess(String name, Process process, int port, Path dataDir, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.dataDir = dataDir;
		this.log = log;
	}

	/**
	 * @param jar the runnable jar ({@code target/chatspace-*-exec.jar})
	 * @param jvmArgs extra JVM options (e.g. a flight recording)
	 * @param args extra server arguments ({@code --name=value}), after the benchmark's own
	 */
	static ServerProcess chatspace(Path jar, int port, List<String> jvmArgs, List<String> args, Path logDir)
			throws Exception {
		Path data = Files.createTempDirectory("chatspace-bench-");
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(jvmArgs);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--chatspace.data-dir=" + data, "--chatspace.rate-limit.enabled=false"));
		command.addAll(args);
		Path log = logDir.resolve("chatspace-" + port + ".log");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess("ChatSpace", p, port, data, log);
		server.awaitHttp("/actuator/health");
		return server;
	}

	static ServerProcess baseline(int port, Path logDir) throws Exception {
		List<String> command = List.of(java(), "-cp", baselineClasspath(), BaselineServer.class.getName(),
				Integer.toString(port));
		Path log = logDir.resolve("baseline-" + port + ".log");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess("baseline", p, port, null, log);
		server.awaitPort();
		return server;
	}

	/**
	 * This module's jar and only the jars the baseline needs (Netty, Jackson), so that it does
	 * not hold a descriptor open for each of the hundred jars of the full classpath.
	 */
	private static String baselineClasspath() throws IOException {
		Path jar = Path.of(BaselineServer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		Path lib = jar.resolveSibling("lib");
		if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
			return System.getProperty("java.class.path");
		}
		// the jar's manifest would add all of lib/ again: take its classes directory when it is there
		Path classes = jar.resolveSibling("classes");
		List<String> entries = new ArrayList<>();
		entries.add(Files.isDirectory(classes) ? classes.toString() : jar.toString());
		try (var files = Files.list(lib)) {
			files.map(Path::toString)
				.filter(f -> f.contains("/netty-") || f.contains("/jackson-"))
				.sorted()
				.forEach(entries::add);
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	long pid() {
		return process.pid();
	}

	int port() {
		return port;
	}

	private void awaitHttp(String path) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			while (System.nanoTime() < deadline) {
				checkAlive();
				try {
					var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
						.timeout(Duration.ofSeconds(5))
						.build();
					if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not up yet
				}
				Thread.sleep(250);
			}
		}
		throw new IllegalStateException(name + " did not start; see " + log);
	}

	private void awaitPort() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			checkAlive();
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException(name + " did not start; see " + log);
	}

	private void checkAlive() {
		if (!process.isAlive()) {
			throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
		}
	}

	/** Runs a full garbage collection in the server ({@code jcmd PID GC.run}). */
	void gc() throws Exception {
		jcmd("GC.run");
	}

	/** Runs {@code jcmd PID ARGS…} and waits for it (at most a minute). */
	void jcmd(String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		command.add(Long.toString(pid()));
		command.addAll(List.of(args));
		new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(jcmdLog().toFile()))
			.start()
			.waitFor(60, TimeUnit.SECONDS);
	}

	/** @return where the output of {@link #jcmd} goes: beside the server's log */
	Path jcmdLog() {
		return log.resolveSibling(log.getFileName().toString().replace(".log", "-jcmd.log"));
	}

	/** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its data. */
	@Override
	public void close() throws Exception {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (dataDir != null) {
			try (var files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
			}
		}
	}

}
